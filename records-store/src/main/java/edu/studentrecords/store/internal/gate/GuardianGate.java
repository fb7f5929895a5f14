package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditTrail;
import java.util.Optional;
import java.util.Set;

/**
 * The gate's part for guardians and consents, where the decision is not about reaching a record (that is
 * {@link RecordGate}'s): whether the caller may use the guardian endpoints at all, and who gives a student's consents
 * at the student's age. Decides with the {@link AccessPolicy}, audits a refusal and throws it; an allowed call gets a
 * {@link Pass} to settle. Thread-safe.
 */
public final class GuardianGate {

    private final AccessPolicy policy = new AccessPolicy();
    private final AuditWriter audit;

    public GuardianGate(AuditTrail trail) {
        this.audit = new AuditWriter(trail);
    }

    /**
     * A pass for a call only a guardian makes and that may reach no record (listing no children): the one entry every
     * call leaves; a refusal is audited and thrown.
     */
    public Pass guardian(AccessContext ctx, AuditOperation operation) {
        requireGuardian(ctx, operation);
        return new Pass(audit, ctx, operation);
    }

    /**
     * A pass for a call in which a guardian acts in their own name beyond reading (accepting an invitation, which makes
     * a link to a child): as {@link #guardian}, and never in a session under impersonation, since an administrator
     * does not speak for the person they impersonate.
     */
    public Pass acting(AccessContext ctx, AuditOperation operation) {
        requireGuardian(ctx, operation);
        refuseIfDenied(ctx, operation, null, policy.checkActing(ctx));
        return new Pass(audit, ctx, operation);
    }

    /** Refuses (audited, thrown) a caller who may not use the guardian endpoints; nothing happens otherwise. */
    public void requireGuardian(AccessContext ctx, AuditOperation operation) {
        refuseIfDenied(ctx, operation, null, policy.checkGuardian(ctx));
    }

    /**
     * Refuses (audited under the record, thrown) giving or withdrawing a consent of the student of record
     * {@code recordId}, aged {@code age}, by a caller who may not: only the student from 14, only the linked guardian
     * under 14 (the caller reached the record already, on a pass still to settle).
     */
    public void requireConsenting(AccessContext ctx, AuditOperation operation, String recordId, int age) {
        refuseIfDenied(ctx, operation, recordId, policy.checkConsenting(ctx, age));
    }

    /** A pass for one of the centre's duties; a refusal is audited and thrown. */
    public Pass duty(AccessContext ctx, Duty duty, AuditOperation operation) {
        refuseIfDenied(ctx, operation, null, policy.checkDuty(ctx, duty));
        return new Pass(audit, ctx, operation);
    }

    private void refuseIfDenied(AccessContext ctx, AuditOperation operation, String recordId,
            Optional<AccessDecision.Denied> denied) {
        denied.ifPresent(refusal -> {
            audit.decision(ctx, operation, recordId, refusal, Set.of());
            throw StoreException.refused(refusal);
        });
    }
}
