package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.RecordChange;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.internal.gate.RecordGate.AuditLabel;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * A change let through on the record as it is, not yet written to the audit trail: settled exactly once, by
 * {@link #commit} (judged before and after, then audited as allowed or refused) or by {@link #notDone}. Not
 * thread-safe: one call, one thread.
 */
public final class WritePass {
    private final AccessPolicy policy;
    private final AuditWriter audit;
    private final Document doc;
    private final AccessDecision.Allowed allowed;
    private final AccessContext ctx;
    private final AuditLabel entry;
    private final String recordId;
    private boolean settled;

    WritePass(AccessPolicy policy, AuditWriter audit, Document doc, AccessDecision.Allowed allowed, AccessContext ctx,
            AuditLabel entry, String recordId) {
        this.policy = policy;
        this.audit = audit;
        this.doc = doc;
        this.allowed = allowed;
        this.ctx = ctx;
        this.entry = entry;
        this.recordId = recordId;
    }

    /** The stored record the change was decided on; null for an enrolment. */
    public Document doc() {
        return doc;
    }

    /**
     * Judges the change on the record before and after it and appends the call's entry: allowed, or refused (and
     * thrown) when the change moves the record where the caller has no right or makes a leaver without being the
     * centre.
     */
    public void commit(RecordChange change) {
        settle();
        AccessDecision decision = policy.decideChange(ctx, change);
        if (decision instanceof AccessDecision.Denied denied) {
            audit.decision(ctx, entry.operation(), recordId, denied, Set.of());
            throw RecordGate.requireDenied(denied, Subject.RECORD);
        }
        audit.event(ctx, entry.operation(), recordId, List.of(), entry.groups(), allowed.grantId(), Decision.ALLOW,
                null);
    }

    /** A new record checked and about to be written: appends the call's entry as allowed. */
    public void commitNew() {
        settle();
        audit.event(ctx, entry.operation(), recordId, List.of(), entry.groups(), allowed.grantId(), Decision.ALLOW,
                null);
    }

    /** The allowed decision: the groups the caller may touch. */
    public AccessDecision.Allowed allowed() {
        return allowed;
    }

    /** The change was let through but does not go ahead: audited as allowed, not done, for {@code reason}. */
    public StoreException notDone(AuditReason reason, StoreException failure) {
        settle();
        audit.event(ctx, entry.operation(), recordId, List.of(), entry.groups(), allowed.grantId(), Decision.ALLOW,
                reason.code());
        return failure;
    }

    private void settle() {
        if (settled) {
            throw new IllegalStateException("a call leaves one audit entry");
        }
        settled = true;
    }
}
