<#ftl output_format="plainText">
${msg("studentRecordsGrantApprovedIntro", realmName)}

${msg("studentRecordsGrantBody")}: ${clientName}
${msg("studentRecordsGrantPurpose")}: ${purpose}
${msg("studentRecordsGrantGroups")}: ${groups}
${msg("studentRecordsGrantAgreement")}: ${agreementReference}
${msg("studentRecordsGrantExpires")}: ${expiresAt}

${msg("studentRecordsGrantApprovedWhere")}
