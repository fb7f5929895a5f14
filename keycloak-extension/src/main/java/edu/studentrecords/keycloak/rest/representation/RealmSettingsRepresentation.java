package edu.studentrecords.keycloak.rest.representation;

import java.util.List;

/**
 * The realm's student-records settings as {@code GET/PUT /settings} carry them: {@code purposes,
 * verificationPeriodDays, centreEmail, selfCheck{readsPerHour, workday, zone, staleAdminDays}}. Boxed numbers so
 * that a missing one is a field error, not a zero.
 */
public record RealmSettingsRepresentation(List<String> purposes, Integer verificationPeriodDays, String centreEmail,
        SelfCheck selfCheck) {

    /** The self-check part. */
    public record SelfCheck(Integer readsPerHour, String workday, String zone, Integer staleAdminDays) {
    }
}
