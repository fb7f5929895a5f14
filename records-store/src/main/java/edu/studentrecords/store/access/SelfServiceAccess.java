package edu.studentrecords.store.access;

import edu.studentrecords.store.access.AccessDecision.Allowed;
import edu.studentrecords.store.access.AccessDecision.Basis;
import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.AccessDecision.Visibility;
import edu.studentrecords.store.model.FieldGroup;
import java.util.EnumSet;
import java.util.Set;

/**
 * A student on their own record through {@code /me}. The scope {@code student.self} stands for the
 * per-group scopes here, and no purpose is needed: the student is the data subject.
 */
final class SelfServiceAccess {

    /** Students change these groups themselves; the others go through a correction request. */
    private static final Set<FieldGroup> SELF_EDITABLE = EnumSet.of(FieldGroup.CONTACT, FieldGroup.GUARDIANS);

    private SelfServiceAccess() {
    }

    static AccessDecision decide(AccessContext ctx, Operation op, AccessTarget target, Set<FieldGroup> requested) {
        if (ctx.serviceAccount() || !ctx.hasRole(RealmRole.STUDENT)) {
            return forbidden(DenialReason.NOT_AUTHENTICATED_AS_STUDENT);
        }
        if (!ctx.hasScope(StudentScope.SELF)) {
            return forbidden(DenialReason.SCOPE_MISSING);
        }
        if (ctx.clientTrust() != ClientTrust.INTERNAL) {
            return forbidden(DenialReason.CLIENT_NOT_INTERNAL);
        }
        if (op != Operation.READ && op != Operation.EXPORT && op != Operation.UPDATE) {
            return forbidden(DenialReason.OPERATION_NOT_SELF_SERVICE);
        }
        if (op == Operation.UPDATE && !SELF_EDITABLE.containsAll(requested)) {
            return forbidden(DenialReason.GROUP_NOT_SELF_EDITABLE);
        }
        if (!ctx.subject().equals(target.ownerSubject())) {
            return new Denied(DenialReason.NOT_OWN_RECORD, Visibility.NOT_FOUND);
        }
        // Every group of one's own record is readable, so a read returns exactly what was asked for.
        return new Allowed(requested, Basis.SELF, null);
    }

    private static Denied forbidden(DenialReason reason) {
        return new Denied(reason, Visibility.FORBIDDEN);
    }
}
