package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.ChainVerification;
import java.time.Instant;
import java.util.List;

/**
 * Supervision (rule 9): the audit trail read and its hash chain checked by supervisors and administrators, never
 * record contents. Every call is the duty {@code SUPERVISE}, decided by the gate and audited once before it answers;
 * reading a record's history is recorded under that record, so the student sees that it was looked at. Thread-safe.
 */
public interface AuditReview {

    /** The entries about one record, newest first, with {@code from <= time < to} (either bound may be null). */
    List<AuditEntry> ofRecord(AccessContext ctx, String recordId, Instant from, Instant to, int offset, int limit);

    /** Up to {@code limit} consecutive entries of the whole trail from {@code fromSequence}, oldest first. */
    List<AuditEntry> range(AccessContext ctx, long fromSequence, int limit);

    /** Walks the hash chain end to end. */
    ChainVerification verify(AccessContext ctx);
}
