package edu.studentrecords.store.access;

import edu.studentrecords.store.access.AccessDecision.Allowed;
import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.AccessDecision.Visibility;
import edu.studentrecords.store.model.FieldGroup;
import java.util.EnumSet;
import java.util.Set;

/**
 * A person or the client itself through an internal client, after the purpose passed. First which
 * records the principal sees ({@link InternalReach}): a record it cannot see is a 404 whatever the
 * operation. Then what it may do to a record it sees, capped by the token's scopes ({@link ScopeCap}).
 */
final class InternalAccess {

    /** What staff and applications acting for themselves may change: the rest is the centre's. */
    private static final Set<FieldGroup> ROLE_WRITABLE = EnumSet.of(FieldGroup.CONTACT, FieldGroup.GUARDIANS);

    private InternalAccess() {
    }

    static AccessDecision decide(AccessContext ctx, Operation op, AccessTarget target, Set<FieldGroup> requested) {
        InternalReach reach = InternalReach.of(ctx);
        if (reach.isBlind()) {
            return new Denied(reach.blindReason(), op.needsRecord() ? Visibility.NOT_FOUND : Visibility.FORBIDDEN);
        }
        if (op == Operation.CREATE) {
            return adminWithScope(ctx, reach, StudentScope.ADMIN);
        }
        if (op == Operation.SEARCH) {
            return searchHit(ctx, reach, target);
        }
        if (!reach.sees(target)) {
            return outsideUnits();
        }
        return switch (op) {
            case READ -> allowedUnlessEmpty(reach, ScopeCap.readable(ctx, requested));
            // All or nothing: a patch is never applied in part. Only the centre changes profile and identity.
            case UPDATE -> !reach.isAdmin() && !ROLE_WRITABLE.containsAll(requested)
                    ? forbidden(DenialReason.GROUP_NOT_WRITABLE_BY_ROLE)
                    : ScopeCap.allWritable(ctx, requested) ? allowed(reach, requested) : scopeMissing();
            case EXPORT -> reach.isAdmin()
                    ? allowedUnlessEmpty(reach, ScopeCap.readable(ctx, requested))
                    : forbidden(DenialReason.OPERATION_REQUIRES_ADMIN);
            case PURGE -> adminWithScope(ctx, reach, StudentScope.PURGE);
            case CREATE, SEARCH -> throw new IllegalStateException("handled above: " + op);
        };
    }

    /** Enrolment and purge: an administrator with the operation's scope, for the whole record. */
    private static AccessDecision adminWithScope(AccessContext ctx, InternalReach reach, StudentScope scope) {
        if (!reach.isAdmin()) {
            return forbidden(DenialReason.OPERATION_REQUIRES_ADMIN);
        }
        return ctx.hasScope(scope) ? allowed(reach, FieldGroup.ALL) : scopeMissing();
    }

    /** A search as a whole ({@code target} null) or one hit of it. */
    private static AccessDecision searchHit(AccessContext ctx, InternalReach reach, AccessTarget target) {
        // Checked before the hit, so that a search is refused alike for every record.
        if (!ScopeCap.maySearch(ctx)) {
            return scopeMissing();
        }
        if (target != null && !reach.sees(target)) {
            return outsideUnits();
        }
        return allowed(reach, Set.of(FieldGroup.PROFILE));
    }

    /**
     * A change an update was allowed for, judged on the record before and after: a move needs the right in the old
     * unit (already decided) and the new one, and making a student a leaver is the centre's.
     */
    static AccessDecision decideChange(AccessContext ctx, RecordChange change, Allowed before) {
        InternalReach reach = InternalReach.of(ctx);
        if (change.moves() && !reach.sees(change.after())) {
            return forbidden(DenialReason.MOVE_NOT_ALLOWED);
        }
        if (change.makesLeaver() && !reach.isAdmin()) {
            return forbidden(DenialReason.LEAVER_CHANGE_REQUIRES_ADMIN);
        }
        return before;
    }

    /** The search scope matching {@link #decide} for {@link Operation#SEARCH}. */
    static SearchScope searchScope(AccessContext ctx) {
        InternalReach reach = InternalReach.of(ctx);
        if (reach.isBlind()) {
            return new SearchScope.Refused(reach.blindReason());
        }
        if (!ScopeCap.maySearch(ctx)) {
            return new SearchScope.Refused(DenialReason.SCOPE_MISSING);
        }
        Set<FieldGroup> hitGroups = Set.of(FieldGroup.PROFILE);
        return reach.seesAllUnits()
                ? new SearchScope.Matching(reach.basis(), hitGroups, true, Set.of(), Set.of())
                : new SearchScope.Matching(reach.basis(), hitGroups, false, reach.units(), Set.of());
    }

    private static AccessDecision allowedUnlessEmpty(InternalReach reach, Set<FieldGroup> groups) {
        return groups.isEmpty() ? scopeMissing() : allowed(reach, groups);
    }

    private static Allowed allowed(InternalReach reach, Set<FieldGroup> groups) {
        return new Allowed(groups, reach.basis(), null);
    }

    private static Denied outsideUnits() {
        return new Denied(DenialReason.OUTSIDE_UNITS, Visibility.NOT_FOUND);
    }

    private static Denied scopeMissing() {
        return forbidden(DenialReason.SCOPE_MISSING);
    }

    private static Denied forbidden(DenialReason reason) {
        return new Denied(reason, Visibility.FORBIDDEN);
    }
}
