package edu.studentrecords.keycloak.rest.notices;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.notices.RecipientNotice;
import java.time.Instant;
import java.util.List;

/**
 * A notice of a change as the application told reads it, and as the student sees whom it was told to.
 *
 * @param id             the notice
 * @param recordId       the record that changed
 * @param groups         the groups that changed and that the application had read (JSON names)
 * @param changedAt      when
 * @param kind           {@code correction} or {@code edit}
 * @param clientId       the application told (in the student's view only)
 * @param acknowledgedAt when it acknowledged, or absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeRepresentation(String id, String recordId, List<String> groups, Instant changedAt, String kind,
        String clientId, Instant acknowledgedAt) {

    /** As the application told reads it. */
    static NoticeRepresentation forRecipient(RecipientNotice n) {
        return new NoticeRepresentation(n.id(), n.recordId(), groups(n), n.changedAt(), n.kind(), null,
                n.acknowledgedAt());
    }

    /** As the student reads it: whom it was told to, not the record (their own). */
    static NoticeRepresentation forStudent(RecipientNotice n) {
        return new NoticeRepresentation(n.id(), null, groups(n), n.changedAt(), n.kind(), n.clientId(),
                n.acknowledgedAt());
    }

    private static List<String> groups(RecipientNotice n) {
        return FieldGroup.ALL.stream().filter(n.groups()::contains).map(FieldGroup::jsonName).toList();
    }
}
