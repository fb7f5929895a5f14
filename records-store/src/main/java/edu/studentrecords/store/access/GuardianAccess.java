package edu.studentrecords.store.access;

import edu.studentrecords.store.access.AccessDecision.Allowed;
import edu.studentrecords.store.access.AccessDecision.Basis;
import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.AccessDecision.Visibility;
import edu.studentrecords.store.model.FieldGroup;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A guardian acting for a child through the guardian endpoints: a person holding the {@code guardian} role, scope
 * {@code student.guardian}, an internal client, a record the person is linked to, and a child under 18 on the day of
 * the request. They read every group, change contact and guardians, and nothing else; no purpose is needed (the
 * guardian acts for the data subject). A record the person is not linked to is "not found", as any record out of reach.
 */
final class GuardianAccess {

    /** A guardian changes these groups for the child; the others go through a correction request. */
    private static final Set<FieldGroup> EDITABLE = EnumSet.of(FieldGroup.CONTACT, FieldGroup.GUARDIANS);

    private GuardianAccess() {
    }

    static AccessDecision decide(AccessContext ctx, Operation op, AccessTarget target, Set<FieldGroup> requested) {
        Optional<Denied> caller = checkCaller(ctx);
        if (caller.isPresent()) {
            return caller.get();
        }
        if (op != Operation.READ && op != Operation.UPDATE) {
            return forbidden(DenialReason.OPERATION_NOT_SELF_SERVICE);
        }
        if (op == Operation.UPDATE && !EDITABLE.containsAll(requested)) {
            return forbidden(DenialReason.GROUP_NOT_EDITABLE_BY_GUARDIAN);
        }
        Optional<Ward> ward = target == null ? Optional.empty() : ctx.ward(target.recordId());
        if (ward.isEmpty()) {
            return new Denied(DenialReason.NOT_LINKED_GUARDIAN, Visibility.NOT_FOUND);
        }
        if (ward.get().ageAt(ctx.now()) >= Ward.MAJORITY) {
            return forbidden(DenialReason.PROXY_ENDED);
        }
        return new Allowed(requested, Basis.GUARDIAN, null);
    }

    /** Who may use the guardian endpoints at all, whatever the record. */
    static Optional<Denied> checkCaller(AccessContext ctx) {
        if (ctx.serviceAccount() || !ctx.hasRole(RealmRole.GUARDIAN)) {
            return Optional.of(forbidden(DenialReason.NOT_A_GUARDIAN));
        }
        if (!ctx.hasScope(StudentScope.GUARDIAN)) {
            return Optional.of(forbidden(DenialReason.SCOPE_MISSING));
        }
        if (ctx.clientTrust() != ClientTrust.INTERNAL) {
            return Optional.of(forbidden(DenialReason.CLIENT_NOT_INTERNAL));
        }
        return Optional.empty();
    }

    private static Denied forbidden(DenialReason reason) {
        return new Denied(reason, Visibility.FORBIDDEN);
    }
}
