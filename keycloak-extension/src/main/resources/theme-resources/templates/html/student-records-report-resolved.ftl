<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("studentRecordsReportResolvedBody", realmName, reportedAt))?no_esc}</p>
<p>${msg("studentRecordsReportResolvedWhere")}</p>
</@layout.emailLayout>
