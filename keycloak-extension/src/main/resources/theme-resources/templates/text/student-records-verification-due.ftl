<#ftl output_format="plainText">
${msg("studentRecordsVerificationDueBody", realmName, dueOn)}

${msg("studentRecordsVerificationDueWhere")}
