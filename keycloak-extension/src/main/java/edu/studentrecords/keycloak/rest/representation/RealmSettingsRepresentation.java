package edu.studentrecords.keycloak.rest.representation;

import java.util.List;
import java.util.Map;

/**
 * The realm's student-records settings as {@code GET/PUT /settings} carry them: {@code purposes, purposesByRole,
 * verificationPeriodDays, centreEmail, selfCheck{readsPerHour, workday, zone, staleAdminDays}}. {@code purposesByRole}
 * maps a role name to the purposes its callers may declare (a role left out is limited only by its clients'
 * purposes). Boxed numbers so that a missing one is a field error, not a zero.
 */
public record RealmSettingsRepresentation(List<String> purposes, Map<String, List<String>> purposesByRole,
        Integer verificationPeriodDays, String centreEmail, SelfCheck selfCheck) {

    /** The self-check part. */
    public record SelfCheck(Integer readsPerHour, String workday, String zone, Integer staleAdminDays) {
    }
}
