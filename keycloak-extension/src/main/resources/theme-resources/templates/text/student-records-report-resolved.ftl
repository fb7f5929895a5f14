<#ftl output_format="plainText">
${msg("studentRecordsReportResolvedBody", realmName, reportedAt)}

${msg("studentRecordsReportResolvedWhere")}
