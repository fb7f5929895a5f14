package edu.studentrecords.keycloak.rest.notices;

import edu.studentrecords.store.incidents.IncidentNotice;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.notices.OwnNotices;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /me/notices}: the incidents that concerned the student's record, with what the centre told them, and
 * whom each change of the record was told to.
 */
public record OwnNoticesRepresentation(List<Incident> incidents, List<NoticeRepresentation> told) {

    /** An incident as the student reads it (PIPL art. 57: which data, why, the harm, the remedies, what to do, whom to ask). */
    public record Incident(String id, String title, Instant discoveredAt, Instant notifiedAt, List<String> groups,
            String cause, String harm, String remedies, String advice, String contact) {

        static Incident of(IncidentNotice n) {
            return new Incident(n.incidentId(), n.title(), n.discoveredAt(), n.notifiedAt(),
                    FieldGroup.ALL.stream().filter(n.groups()::contains).map(FieldGroup::jsonName).toList(),
                    n.content().cause(), n.content().harm(), n.content().remedies(), n.content().advice(),
                    n.content().contact());
        }
    }

    public static OwnNoticesRepresentation of(OwnNotices notices) {
        return new OwnNoticesRepresentation(notices.incidents().stream().map(Incident::of).toList(),
                notices.told().stream().map(NoticeRepresentation::forStudent).toList());
    }
}
