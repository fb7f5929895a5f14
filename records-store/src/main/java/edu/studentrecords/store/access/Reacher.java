package edu.studentrecords.store.access;

import java.util.Objects;
import java.util.Set;

/**
 * Someone who may reach records through an internal client, as a student is shown it: administrators (every unit),
 * staff with their units, or an application acting for itself with its client units.
 *
 * @param name  how the student is shown it: a role name or a client id
 * @param basis on what footing it reaches records: {@code ADMIN}, {@code STAFF} or {@code CLIENT}
 * @param units the units it holds ({@link UnitPath#ALL} for every unit)
 */
public record Reacher(String name, AccessDecision.Basis basis, Set<UnitPath> units) {

    public Reacher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(basis, "basis");
        units = Set.copyOf(units);
    }
}
