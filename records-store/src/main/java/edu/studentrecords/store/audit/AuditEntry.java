package edu.studentrecords.store.audit;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One link of the audit chain: an {@link AuditEvent} as it was appended, with its sequence number,
 * time and hashes.
 *
 * <p>{@code hash} is an HMAC-SHA-256 under the trail's audit key over an unambiguous encoding of every
 * other component, {@code previousHash} included; {@code previousHash} is the hash of the entry with
 * sequence {@code sequence - 1}, or {@link #GENESIS_HASH} for the first entry (sequence 1). Hashes are
 * 64 lowercase hexadecimal characters. {@code time} has millisecond precision.
 *
 * <p>Immutable and thread-safe. Nullability of the event components is as in {@link AuditEvent};
 * {@code time}, {@code previousHash} and {@code hash} are never null.
 */
public record AuditEntry(
        long sequence,
        Instant time,
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
        String previousHash,
        String hash) {

    /** The {@code previousHash} of the first entry of every chain. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public AuditEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        recordIds = recordIds == null ? List.of() : List.copyOf(recordIds);
        groups = AuditEvent.copyOfGroups(groups);
    }

    /** The entry with the given sequence, time and hashes for an event. */
    public static AuditEntry of(long sequence, Instant time, AuditEvent event, String previousHash, String hash) {
        return new AuditEntry(sequence, time, event.subject(), event.clientId(), event.purpose(), event.grantId(),
                event.recordId(), event.recordIds(), event.groups(), event.operation(), event.decision(),
                event.reason(), previousHash, hash);
    }

    /** The event this entry records. */
    public AuditEvent event() {
        return new AuditEvent(subject, clientId, purpose, grantId, recordId, recordIds, groups, operation, decision,
                reason);
    }
}
