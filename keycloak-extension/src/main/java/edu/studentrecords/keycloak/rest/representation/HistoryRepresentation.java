package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import edu.studentrecords.store.history.ChangedBy;
import edu.studentrecords.store.history.HistoryEntry;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.List;

/**
 * A record's history, newest first: the changes of the groups the caller may read now.
 *
 * @param entries its changes
 */
public record HistoryRepresentation(List<Entry> entries) {

    /**
     * One change: the version it made, when, the call that made it (an audit operation code), who (as the access log
     * says it: the person's user id or none for a client acting for itself, the client, the impersonator if any, and
     * the footing: {@code SELF}, {@code STAFF} with the record's unit, {@code ADMIN}, {@code CLIENT}, {@code GRANT},
     * {@code SYSTEM}), the purpose declared, the groups it changed and each changed field with its values before and
     * after.
     */
    public record Entry(long version, Instant time, String operation, By by, String purpose, List<String> groups,
            List<Change> changes) {

        static Entry of(HistoryEntry e) {
            List<String> groups = FieldGroup.ALL.stream().filter(e.groups()::contains).map(FieldGroup::jsonName).toList();
            return new Entry(e.version(), e.time(), e.operation(), By.of(e.by()), e.purpose(), groups,
                    e.changes().stream().map(c -> new Change(c.path(), c.before(), c.after())).toList());
        }
    }

    /** Who made a change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record By(String role, String unit, String subject, String clientId, String impersonator) {

        static By of(ChangedBy by) {
            return new By(by.role(), by.unit(), by.subject(), by.clientId(), by.impersonator());
        }
    }

    /** A changed field: its path ({@code profile.name}, {@code guardians[0].phone}), its values before and after. */
    public record Change(String path, JsonNode before, JsonNode after) {
    }

    public static HistoryRepresentation of(List<HistoryEntry> entries) {
        return new HistoryRepresentation(entries.stream().map(Entry::of).toList());
    }
}
