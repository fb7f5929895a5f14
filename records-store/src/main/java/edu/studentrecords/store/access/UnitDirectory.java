package edu.studentrecords.store.access;

import java.util.Set;

/**
 * The organisational units a realm has (for Keycloak: the groups under the realm's unit root, e.g.
 * {@code /units/science/physics/2024-1}). A record may be placed only in a unit the directory knows.
 * Implementations are thread-safe and cheap to ask; the access context carries the one of the request.
 */
@FunctionalInterface
public interface UnitDirectory {

    /** A directory that knows no unit: every placement is refused. The default of an access context. */
    UnitDirectory NONE = unit -> false;

    /** Whether {@code unit} is one of the realm's units. */
    boolean exists(UnitPath unit);

    /** A directory of exactly {@code units}. */
    static UnitDirectory of(Set<UnitPath> units) {
        Set<UnitPath> copy = Set.copyOf(units);
        return copy::contains;
    }
}
