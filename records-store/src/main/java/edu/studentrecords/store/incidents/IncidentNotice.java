package edu.studentrecords.store.incidents;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.Set;

/**
 * An incident as the affected student reads it: what of their data, when, and what the centre told them.
 *
 * @param incidentId   the incident
 * @param title        its title
 * @param discoveredAt when it was discovered
 * @param notifiedAt   when the students were told
 * @param groups       the field groups of the student's record concerned
 * @param content      what the notice says
 */
public record IncidentNotice(String incidentId, String title, Instant discoveredAt, Instant notifiedAt,
        Set<FieldGroup> groups, NotificationContent content) {

    public IncidentNotice {
        groups = Set.copyOf(groups);
    }
}
