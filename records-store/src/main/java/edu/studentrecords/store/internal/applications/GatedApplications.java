package edu.studentrecords.store.internal.applications;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.applications.ApplicationAccess;
import edu.studentrecords.store.applications.ApplicationChange;
import edu.studentrecords.store.applications.ApplicationChangeResult;
import edu.studentrecords.store.applications.ApplicationRegister;
import edu.studentrecords.store.applications.Applications;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@link Applications} behind the gate. Thread-safe. */
public final class GatedApplications implements Applications {

    private final RecordGate gate;

    public GatedApplications(RecordGate gate) {
        this.gate = gate;
    }

    @Override
    public List<ApplicationAccess> list(AccessContext ctx, ApplicationRegister register) {
        gate.duty(ctx, Duty.MANAGE_APPLICATIONS, AuditOperation.APPLICATION_LIST, null).allow(null);
        return register.all();
    }

    @Override
    public ApplicationChangeResult change(AccessContext ctx, ApplicationRegister register, ApplicationAccess asked) {
        Objects.requireNonNull(asked, "asked");
        Pass pass = gate.duty(ctx, Duty.MANAGE_APPLICATIONS, AuditOperation.APPLICATION_CHANGE, null);
        ApplicationAccess before = register.find(asked.clientId()).orElseThrow(() -> pass.deny(null,
                AuditReason.APPLICATION_NOT_FOUND, StoreException.notFound(Subject.APPLICATION)));
        List<FieldError> errors = register.errors(asked);
        if (!errors.isEmpty()) {
            throw pass.invalid(null, AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.APPLICATION, errors));
        }
        if (asked.widens(before)) {
            ApplicationChange change = new ApplicationChange(UUID.randomUUID().toString(), before, asked,
                    ctx.subject(), ctx.now());
            pass.allow(null, AuditReason.AWAITING_APPROVAL);
            register.propose(change);
            return new ApplicationChangeResult(before, change);
        }
        pass.allow(null);
        register.write(asked);
        return new ApplicationChangeResult(register.find(asked.clientId()).orElseThrow(), null);
    }

    @Override
    public ApplicationAccess approve(AccessContext ctx, ApplicationRegister register, String clientId,
            String changeId) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_APPLICATIONS, AuditOperation.APPLICATION_APPROVE, null);
        ApplicationChange change = register.pending().stream()
                .filter(c -> c.clientId().equals(clientId) && c.id().equals(changeId)).findFirst()
                .orElseThrow(() -> pass.deny(null, AuditReason.NOTHING_PENDING,
                        StoreException.notFound(Subject.APPLICATION)));
        if (change.requestedBy().equals(ctx.subject())) {
            throw pass.deny(null, AuditReason.FOUR_EYES, StoreException.fourEyes(Subject.APPLICATION));
        }
        ApplicationAccess now = register.find(clientId).orElse(null);
        if (!change.before().equals(now)) {
            // Approving would set settings nobody compared with what applies now: the change is dropped.
            register.take(clientId, changeId);
            throw pass.deny(null, AuditReason.APPLICATION_CHANGED,
                    StoreException.conflict(Subject.APPLICATION, "CHANGED"));
        }
        List<FieldError> errors = register.errors(change.after());
        if (!errors.isEmpty()) {
            // A purpose, unit or scope it names was removed from the realm since.
            throw pass.invalid(null, AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.APPLICATION, errors));
        }
        pass.allow(null);
        if (!register.take(clientId, changeId)) {
            throw StoreException.conflict(Subject.APPLICATION, "CHANGED");
        }
        register.write(change.after());
        return register.find(clientId).orElseThrow();
    }
}
