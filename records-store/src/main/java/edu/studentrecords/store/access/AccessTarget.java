package edu.studentrecords.store.access;

import java.util.Objects;

/**
 * The record an operation touches, reduced to what the access decision needs.
 *
 * <p>Immutable and thread-safe.
 *
 * @param recordId the record's id; not blank
 * @param ownerSubject the Keycloak user id linked to the record; null when no account is linked yet
 * @param unit the organisational unit the student belongs to; not null and not {@link UnitPath#ALL}
 */
public record AccessTarget(String recordId, String ownerSubject, UnitPath unit) {

    /** Validates the components. */
    public AccessTarget {
        if (recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("recordId must not be blank");
        }
        Objects.requireNonNull(unit, "unit");
        if (unit.isAll()) {
            throw new IllegalArgumentException("a record belongs to one unit, not to '*'");
        }
        if (ownerSubject != null && ownerSubject.isBlank()) {
            throw new IllegalArgumentException("ownerSubject must be null or not blank");
        }
    }
}
