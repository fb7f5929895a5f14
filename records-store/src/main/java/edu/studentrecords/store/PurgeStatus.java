package edu.studentrecords.store;

/**
 * Where a purge request stands. The names are stable codes: the API and the stored requests carry them.
 *
 * <p>{@link #PENDING} → {@link #APPROVING} → {@link #APPROVED}, or {@link #PENDING} → {@link #CANCELLED}. A request
 * is {@link #APPROVING} from the moment a second administrator's approval is taken until the record is destroyed and
 * the certificate written; a crash in between leaves it there, and a retry finishes it.
 */
public enum PurgeStatus {
    /** Waiting for a second administrator. */
    PENDING,
    /** Approved; the destruction is under way (or was interrupted and will be finished by a retry). */
    APPROVING,
    /** The record was destroyed; the request holds the destruction certificate. */
    APPROVED,
    /** Withdrawn or turned down: the record stays. */
    CANCELLED
}
