package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.List;

/**
 * A page of a student's access log, newest first.
 *
 * @param entries the entries
 * @param offset  entries skipped
 * @param limit   the page size asked for
 */
public record AccessLogRepresentation(List<Entry> entries, int offset, int limit) {

    /**
     * One access to a record: when, who (a person's user id, or a client acting for itself), purpose, grant,
     * which record, which groups, what was decided and whether it was done ({@code DONE}, {@code NOT_DONE} for an
     * allowed call that changed or answered nothing, {@code DENIED}), and the administrator who impersonated the
     * person, when one did.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long sequence, Instant time, String subject, String clientId, String purpose, String grantId,
            String recordId, String operation, List<String> groups, String decision, String reason, String outcome,
            String impersonator) {

        public static Entry of(AuditEntry e) {
            List<String> groups = FieldGroup.ALL.stream().filter(e.groups()::contains).map(FieldGroup::jsonName).toList();
            return new Entry(e.sequence(), e.time(), e.subject(), e.clientId(), e.purpose(), e.grantId(), e.recordId(),
                    e.operation(), groups, e.decision().name(), e.reason(), e.outcome().name(), e.impersonator());
        }
    }

    public static AccessLogRepresentation of(List<AuditEntry> entries, int offset, int limit) {
        return new AccessLogRepresentation(entries.stream().map(Entry::of).toList(), offset, limit);
    }
}
