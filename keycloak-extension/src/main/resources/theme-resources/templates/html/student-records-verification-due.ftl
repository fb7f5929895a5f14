<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("studentRecordsVerificationDueBody", realmName, dueOn))?no_esc}</p>
<p>${msg("studentRecordsVerificationDueWhere")}</p>
</@layout.emailLayout>
