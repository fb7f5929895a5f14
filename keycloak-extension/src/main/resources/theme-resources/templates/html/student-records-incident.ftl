<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("studentRecordsIncidentIntro", realmName, discoveredAt))?no_esc}</p>
<p><strong>${msg("studentRecordsIncidentTitle")}</strong>: ${kcSanitize(title)?no_esc}</p>
<p><strong>${msg("studentRecordsIncidentGroups")}</strong>: <#list groupKeys as key>${msg(key)}<#sep>, </#list></p>
<p><strong>${msg("studentRecordsIncidentCause")}</strong>: ${kcSanitize(cause)?no_esc}</p>
<p><strong>${msg("studentRecordsIncidentHarm")}</strong>: ${kcSanitize(harm)?no_esc}</p>
<p><strong>${msg("studentRecordsIncidentRemedies")}</strong>: ${kcSanitize(remedies)?no_esc}</p>
<p><strong>${msg("studentRecordsIncidentAdvice")}</strong>: ${kcSanitize(advice)?no_esc}</p>
<p><strong>${msg("studentRecordsIncidentContact")}</strong>: ${kcSanitize(contact)?no_esc}</p>
<p>${msg("studentRecordsIncidentWhere")}</p>
</@layout.emailLayout>
