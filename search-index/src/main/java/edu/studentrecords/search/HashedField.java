package edu.studentrecords.search;

import edu.studentrecords.store.model.FieldGroup;
import java.util.Set;

/**
 * An encrypted field the index knows only as a keyed hash, for exact look-ups. Each names the field groups a
 * caller must be allowed to read, on every record returned, to look it up.
 */
public enum HashedField {
    /** The resident ID number: the identity group. */
    RESIDENT_ID(Set.of(FieldGroup.IDENTITY)),
    /**
     * A phone number: the hashes cover the student's own phone (contact group) and the guardians' phones
     * (guardians group), so a match may reveal either; both groups are needed.
     */
    PHONE(Set.of(FieldGroup.CONTACT, FieldGroup.GUARDIANS));

    private final Set<FieldGroup> groups;

    HashedField(Set<FieldGroup> groups) {
        this.groups = groups;
    }

    /** The groups a caller must be allowed to read to look this field up. Unmodifiable. */
    public Set<FieldGroup> groups() {
        return groups;
    }
}
