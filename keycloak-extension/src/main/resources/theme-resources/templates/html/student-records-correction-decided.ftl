<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if approved>
<p>${kcSanitize(msg("studentRecordsCorrectionApprovedBody", realmName, requestedAt))?no_esc}</p>
<#else>
<p>${kcSanitize(msg("studentRecordsCorrectionRejectedBody", realmName, requestedAt))?no_esc}</p>
</#if>
<p>${msg("studentRecordsCorrectionGroups")}: <#list groupKeys as key>${msg(key)}<#sep>, </#list></p>
<p>${msg("studentRecordsCorrectionWhere")}</p>
</@layout.emailLayout>
