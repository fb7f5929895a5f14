package edu.studentrecords.store.retention;

import java.time.Instant;

/**
 * A legal hold on a record: while it is not lifted, no retention run destroys the record.
 *
 * @param id       the hold's id
 * @param recordId the record held
 * @param reason   why (kept with the hold, never audited or logged)
 * @param placedBy the administrator's Keycloak user id
 * @param placedAt when it was placed
 * @param liftedAt when it was lifted, or null while it holds
 * @param liftedBy who lifted it, or null
 */
public record LegalHold(String id, String recordId, String reason, String placedBy, Instant placedAt, Instant liftedAt,
        String liftedBy) {

    /** Whether the hold still stops destruction. */
    public boolean active() {
        return liftedAt == null;
    }

    @Override
    public String toString() {
        return "LegalHold[id=" + id + ", recordId=" + recordId + ", active=" + active() + "]";
    }
}
