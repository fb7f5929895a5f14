package edu.studentrecords.store.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A student record as the store holds it, decrypted: its id, its version (for optimistic concurrency),
 * the Keycloak user it belongs to, its content and bookkeeping times.
 *
 * @param id           the record id, stable for the record's life
 * @param version      starts at 1 and grows by one with every committed change
 * @param ownerSubject the Keycloak user id linked to the record, or {@code null} while unlinked
 * @param content      the four field groups
 * @param createdAt    when the record was created
 * @param updatedAt    when it last changed
 * @param verifiedAt   when the student last confirmed it was correct, or {@code null}
 */
public record StoredRecord(
        String id,
        long version,
        String ownerSubject,
        StudentRecord content,
        Instant createdAt,
        Instant updatedAt,
        Instant verifiedAt) {

    public StoredRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "StoredRecord[id=" + id + ", version=" + version + "]";
    }
}
