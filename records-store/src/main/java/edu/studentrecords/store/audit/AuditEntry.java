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
public record AuditEntry(long sequence, Instant time, AuditEvent event, String previousHash, String hash) {

    /** The {@code previousHash} of the first entry of every chain. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public AuditEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The entry with the given sequence, time and hashes for an event. */
    public static AuditEntry of(long sequence, Instant time, AuditEvent event, String previousHash, String hash) {
        return new AuditEntry(sequence, time, event, previousHash, hash);
    }

    /** The Keycloak user id of the person, or null for a client acting for itself. */
    public String subject() {
        return event.subject();
    }

    /** The OAuth client that made the request. */
    public String clientId() {
        return event.clientId();
    }

    /** The declared purpose code, or null. */
    public String purpose() {
        return event.purpose();
    }

    /** The access grant that opened the access (or that the call was about), or null. */
    public String grantId() {
        return event.grantId();
    }

    /** The record the entry is about, or null. */
    public String recordId() {
        return event.recordId();
    }

    /** The ids of the records an answer named (a search, a listing); empty otherwise. */
    public List<String> recordIds() {
        return event.recordIds();
    }

    /** The field groups the decision covers. */
    public Set<FieldGroup> groups() {
        return event.groups();
    }

    /** What was attempted: an {@link AuditOperation} code. */
    public String operation() {
        return event.operation();
    }

    /** Allow or deny. */
    public Decision decision() {
        return event.decision();
    }

    /** A stable code explaining the decision, or null. */
    public String reason() {
        return event.reason();
    }

    /** The administrator who impersonated the person, or null. */
    public String impersonator() {
        return event.impersonator();
    }

    /** What came of the call: done, allowed but not done, or denied. */
    public Outcome outcome() {
        return Outcome.of(event.decision(), event.reason());
    }
}
