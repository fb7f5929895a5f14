<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("studentRecordsIncidentIntro", realmName, discoveredAt))?no_esc}</p>
<p><strong>${msg("studentRecordsIncidentTitle")}</strong>: ${title}</p>
<p><strong>${msg("studentRecordsIncidentGroups")}</strong>: <#list groupKeys as key>${msg(key)}<#sep>, </#list></p>
<p><strong>${msg("studentRecordsIncidentCause")}</strong>: ${cause}</p>
<p><strong>${msg("studentRecordsIncidentHarm")}</strong>: ${harm}</p>
<p><strong>${msg("studentRecordsIncidentRemedies")}</strong>: ${remedies}</p>
<p><strong>${msg("studentRecordsIncidentAdvice")}</strong>: ${advice}</p>
<p><strong>${msg("studentRecordsIncidentContact")}</strong>: ${contact}</p>
<p>${msg("studentRecordsIncidentWhere")}</p>
</@layout.emailLayout>
