<#ftl output_format="plainText">
${msg("studentRecordsIncidentIntro", realmName, discoveredAt)}

${msg("studentRecordsIncidentTitle")}: ${title}
${msg("studentRecordsIncidentGroups")}: <#list groupKeys as key>${msg(key)}<#sep>, </#list>
${msg("studentRecordsIncidentCause")}: ${cause}
${msg("studentRecordsIncidentHarm")}: ${harm}
${msg("studentRecordsIncidentRemedies")}: ${remedies}
${msg("studentRecordsIncidentAdvice")}: ${advice}
${msg("studentRecordsIncidentContact")}: ${contact}

${msg("studentRecordsIncidentWhere")}
