package edu.studentrecords.store.incidents;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the centre handles it.
 *
 * @param id            its id
 * @param title         a short title
 * @param description   what happened
 * @param discoveredAt  when it was discovered
 * @param openedAt      when it was opened in the product
 * @param openedBy      the Keycloak user who opened it
 * @param scope         what it concerns
 * @param affected      how many records the scope reached
 * @param actions       the remediation steps, oldest first
 * @param notification  the notification of the students affected, or null before it starts
 */
public record Incident(String id, String title, String description, Instant discoveredAt, Instant openedAt,
        String openedBy, IncidentScope scope, int affected, List<IncidentAction> actions,
        IncidentNotification notification) {

    public Incident {
        actions = List.copyOf(actions);
    }
}
