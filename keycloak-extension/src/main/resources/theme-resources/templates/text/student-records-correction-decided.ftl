<#ftl output_format="plainText">
<#if approved>
${msg("studentRecordsCorrectionApprovedBody", realmName, requestedAt)}
<#else>
${msg("studentRecordsCorrectionRejectedBody", realmName, requestedAt)}
</#if>
${msg("studentRecordsCorrectionGroups")}: <#list groupKeys as key>${msg(key)}<#sep>, </#list>

${msg("studentRecordsCorrectionWhere")}
