package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.model.FieldGroup;
import java.util.List;
import java.util.Set;

/**
 * A call the gate has let through but not yet written to the audit trail: the feature that handles the call knows
 * what the call comes to (which record it concerned, whether it went ahead) and settles the pass exactly once,
 * before it acts or answers. A second settlement is a programming error. Not thread-safe: one call, one thread.
 */
public final class Pass {

    private final AuditWriter writer;
    private final AccessContext ctx;
    private final AuditOperation operation;
    private final Set<FieldGroup> groups;
    private boolean settled;

    Pass(AuditWriter writer, AccessContext ctx, AuditOperation operation) {
        this(writer, ctx, operation, Set.of());
    }

    /** A pass whose entry names the field groups the call is about. */
    Pass(AuditWriter writer, AccessContext ctx, AuditOperation operation, Set<FieldGroup> groups) {
        this.writer = writer;
        this.ctx = ctx;
        this.operation = operation;
        this.groups = Set.copyOf(groups);
    }

    /** The caller the pass was given to. */
    public AccessContext caller() {
        return ctx;
    }

    /** The call went ahead; it concerns {@code recordId} (or no record, when null). */
    public void allow(String recordId) {
        settle(recordId, null, List.of(), Decision.ALLOW, null);
    }

    /** The call went ahead, with a note on how ({@code reason}, or none); it concerns {@code recordId} or none. */
    public void allow(String recordId, AuditReason reason) {
        settle(recordId, null, List.of(), Decision.ALLOW, reason == null ? null : reason.code());
    }

    /** The call went ahead on the access grant {@code grantId}. */
    public void allowOnGrant(String grantId) {
        settle(null, grantId, List.of(), Decision.ALLOW, null);
    }

    /** The call went ahead and answered about these records (a listing names the records it returns). */
    public void allowListing(List<String> recordIds) {
        settle(null, null, recordIds, Decision.ALLOW, null);
    }

    /**
     * The call was let through but is refused for a reason outside the access policy (what it names does not exist,
     * is in the wrong state, or the approver is the requester). Returns {@code failure} for the caller to throw.
     */
    public StoreException deny(String recordId, AuditReason reason, StoreException failure) {
        settle(recordId, null, List.of(), Decision.DENY, reason.code());
        return failure;
    }

    /** As {@link #deny}, about the access grant {@code grantId}. */
    public StoreException denyOnGrant(String grantId, AuditReason reason, StoreException failure) {
        settle(null, grantId, List.of(), Decision.DENY, reason.code());
        return failure;
    }

    /**
     * The call was let through, but what it asks breaks a rule: recorded as allowed with {@code reason}, as the trail
     * has always recorded invalid input of an allowed caller. Returns {@code failure} for the caller to throw.
     */
    public StoreException invalid(String recordId, AuditReason reason, StoreException failure) {
        settle(recordId, null, List.of(), Decision.ALLOW, reason.code());
        return failure;
    }

    private void settle(String recordId, String grantId, List<String> recordIds, Decision decision, String reason) {
        if (settled) {
            throw new IllegalStateException("a call leaves one audit entry");
        }
        settled = true;
        writer.event(ctx, operation, recordId, recordIds, groups, grantId, decision, reason);
    }
}
