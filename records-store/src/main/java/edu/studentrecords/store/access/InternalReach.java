package edu.studentrecords.store.access;

import edu.studentrecords.store.access.AccessDecision.Basis;
import java.util.Set;

/**
 * Which records a principal behind an internal client can see at all, before scopes and operations
 * are considered: an administrator every record, staff their units, the client acting for itself its
 * client units; anyone else none, with the reason.
 *
 * @param basis the footing when the principal sees records; null when it sees none
 * @param units the units it sees, {@link UnitPath#ALL} for every unit; empty when it sees none
 * @param blindReason why it sees no record; null when it sees some
 */
record InternalReach(Basis basis, Set<UnitPath> units, DenialReason blindReason) {

    static InternalReach of(AccessContext ctx) {
        if (ctx.serviceAccount()) {
            // A client acting for itself is staff of its own units; roles of a service account do not count.
            return ctx.clientUnits().isEmpty()
                    ? blind(DenialReason.NO_ROLE)
                    : new InternalReach(Basis.CLIENT, ctx.clientUnits(), null);
        }
        if (ctx.hasRole(RealmRole.ADMIN)) {
            return new InternalReach(Basis.ADMIN, Set.of(UnitPath.ALL), null);
        }
        if (ctx.hasRole(RealmRole.STAFF)) {
            return new InternalReach(Basis.STAFF, ctx.units(), null);
        }
        if (ctx.hasRole(RealmRole.SUPERVISOR)) {
            return blind(DenialReason.SUPERVISOR_NO_RECORD_ACCESS);
        }
        // Students included: they reach their record only through self service.
        return blind(DenialReason.NO_ROLE);
    }

    private static InternalReach blind(DenialReason reason) {
        return new InternalReach(null, Set.of(), reason);
    }

    boolean isBlind() {
        return blindReason != null;
    }

    boolean isAdmin() {
        return basis == Basis.ADMIN;
    }

    boolean seesAllUnits() {
        return units.contains(UnitPath.ALL);
    }

    boolean sees(AccessTarget target) {
        return !unitsReaching(units, target).isEmpty();
    }

    /** The units among {@code units} that contain the record's unit. */
    static Set<UnitPath> unitsReaching(Set<UnitPath> units, AccessTarget target) {
        return units.stream().filter(unit -> unit.contains(target.unit())).collect(java.util.stream.Collectors.toSet());
    }
}
