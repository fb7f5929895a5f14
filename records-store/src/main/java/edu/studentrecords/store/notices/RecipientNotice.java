package edu.studentrecords.store.notices;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A notice to one application (or outside body) that a record it read changed: which record, which of the groups it
 * read changed, when, and how (a correction applied, an edit). Ids and codes only, never values.
 *
 * @param id             the notice's id
 * @param recordId       the record that changed
 * @param clientId       the application told
 * @param grantId        the access grant under which it last read the record, or null
 * @param groups         the groups that changed and that it had read
 * @param changedAt      when the change was made
 * @param kind           {@code correction} or {@code edit}
 * @param version        the record's version the change made
 * @param acknowledgedAt when the application acknowledged it, or null
 */
public record RecipientNotice(String id, String recordId, String clientId, String grantId, Set<FieldGroup> groups,
        Instant changedAt, String kind, long version, Instant acknowledgedAt) {

    public RecipientNotice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(clientId, "clientId");
        groups = Set.copyOf(groups);
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(kind, "kind");
    }
}
