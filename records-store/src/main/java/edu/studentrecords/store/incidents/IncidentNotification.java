package edu.studentrecords.store.incidents;

import java.time.Instant;

/**
 * The notification of an incident's affected students and how far it has come.
 *
 * @param startedAt when it was started
 * @param startedBy the Keycloak user who started it
 * @param content   what every notice says
 * @param total     how many students are to be told
 * @param sent      how many were mailed
 * @param failed    how many could not be mailed (no address, or the mail failed)
 */
public record IncidentNotification(Instant startedAt, String startedBy, NotificationContent content, int total,
        int sent, int failed) {

    /** Whether every student to be told was handled. */
    public boolean finished() {
        return sent + failed >= total;
    }
}
