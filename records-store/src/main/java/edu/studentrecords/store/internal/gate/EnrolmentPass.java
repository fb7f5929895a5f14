package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of enrolments let through: the caller may enrol, and each row it checks is noted here, to be written ahead,
 * or let through but not done for a reason. {@link #commit} appends the noted rows' entries together, durable before
 * any of their records is written; it may be called again for the next rows. Not thread-safe: one call, one thread.
 */
public final class EnrolmentPass {

    private final AuditWriter audit;
    private final AccessContext ctx;
    private final AccessDecision.Allowed allowed;
    private final List<AuditWriter.Outcome> noted = new ArrayList<>();

    EnrolmentPass(AuditWriter audit, AccessContext ctx, AccessDecision.Allowed allowed) {
        this.audit = audit;
        this.ctx = ctx;
        this.allowed = allowed;
    }

    /** The allowed decision: the groups the caller may write. */
    public AccessDecision.Allowed allowed() {
        return allowed;
    }

    /** A new record checked and about to be written. */
    public void enrol(String recordId) {
        noted.add(new AuditWriter.Outcome(recordId, null));
    }

    /** A row let through that does not go ahead, for {@code reason}. */
    public void notDone(String recordId, AuditReason reason) {
        noted.add(new AuditWriter.Outcome(recordId, reason));
    }

    /** Appends the entries of the rows noted since the last commit, in order; returns once they are durable. */
    public void commit() {
        List<AuditWriter.Outcome> outcomes = List.copyOf(noted);
        noted.clear();
        audit.allowedAll(ctx, AuditOperation.CREATE, outcomes, allowed.groups(), allowed.grantId());
    }
}
