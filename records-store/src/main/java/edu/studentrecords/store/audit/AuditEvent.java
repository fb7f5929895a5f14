package edu.studentrecords.store.audit;

import edu.studentrecords.store.model.FieldGroup;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a caller reports about one access decision; the trail adds the sequence number, the time and
 * the chain hashes when it appends it.
 *
 * <p>An event holds identifiers and codes only, never personal data values (no names, ID numbers or
 * phone numbers): the trail outlives the record it talks about. {@code operation} and {@code reason}
 * are codes and must match {@code [A-Za-z0-9_.:-]{1,64}} so that free text cannot slip in.
 *
 * <p>Immutable and thread-safe. Nullable: {@code subject}, {@code purpose}, {@code grantId},
 * {@code recordId}, {@code reason}. {@code recordIds} and {@code groups} are never null (empty when not
 * given) and unmodifiable.
 *
 * @param subject the Keycloak user id of the person, or null for a client acting for itself
 * @param clientId the OAuth client that made the request; required
 * @param purpose the declared purpose code, or null when none was declared
 * @param grantId the access grant that opened the access, or null
 * @param recordId the record the decision is about, or null (a search, or a lookup that found nothing)
 * @param recordIds for searches, the ids of the records returned; empty otherwise
 * @param groups the field groups the decision covers
 * @param operation what was attempted, e.g. {@code READ}, {@code UPDATE}, {@code SEARCH}; required
 * @param decision allow or deny; required
 * @param reason a stable code explaining the decision, or null
 * @param impersonator the Keycloak user id of an administrator impersonating the person, or null
 */
public record AuditEvent(
        String subject,
        String clientId,
        String purpose,
        String grantId,
        String recordId,
        List<String> recordIds,
        Set<FieldGroup> groups,
        String operation,
        Decision decision,
        String reason,
        String impersonator) {

    /** The client id under which the store's own steps (no person, no purpose) are entered. */
    public static final String SYSTEM_CLIENT = "student-records";

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public AuditEvent {
        requireText(clientId, "clientId");
        Objects.requireNonNull(operation, "operation");
        requireCode(operation, "operation");
        Objects.requireNonNull(decision, "decision");
        if (reason != null) {
            requireCode(reason, "reason");
        }
        recordIds = recordIds == null ? List.of() : List.copyOf(recordIds);
        groups = copyOfGroups(groups);
        if (impersonator != null && impersonator.isBlank()) {
            throw new IllegalArgumentException("impersonator must be null or not blank");
        }
    }

    /** An event of a session that is not under impersonation. */
    public AuditEvent(String subject, String clientId, String purpose, String grantId, String recordId,
            List<String> recordIds, Set<FieldGroup> groups, String operation, Decision decision, String reason) {
        this(subject, clientId, purpose, grantId, recordId, recordIds, groups, operation, decision, reason, null);
    }

    static Set<FieldGroup> copyOfGroups(Collection<FieldGroup> groups) {
        EnumSet<FieldGroup> copy = EnumSet.noneOf(FieldGroup.class);
        if (groups != null) {
            for (FieldGroup group : groups) {
                copy.add(Objects.requireNonNull(group, "groups must not contain null"));
            }
        }
        return Collections.unmodifiableSet(copy);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requireCode(String value, String name) {
        if (!CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a code matching " + CODE.pattern());
        }
    }
}
