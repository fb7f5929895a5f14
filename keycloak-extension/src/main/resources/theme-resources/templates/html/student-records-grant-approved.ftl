<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("studentRecordsGrantApprovedIntro", realmName))?no_esc}</p>
<ul>
<li>${msg("studentRecordsGrantBody")}: ${clientName}</li>
<li>${msg("studentRecordsGrantPurpose")}: ${purpose}</li>
<li>${msg("studentRecordsGrantGroups")}: ${groups}</li>
<li>${msg("studentRecordsGrantAgreement")}: ${agreementReference}</li>
<li>${msg("studentRecordsGrantExpires")}: ${expiresAt}</li>
</ul>
<p>${msg("studentRecordsGrantApprovedWhere")}</p>
</@layout.emailLayout>
