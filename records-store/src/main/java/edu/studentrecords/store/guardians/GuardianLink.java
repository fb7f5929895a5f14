package edu.studentrecords.store.guardians;

import edu.studentrecords.store.model.Relationship;
import java.time.Instant;
import java.util.Objects;

/**
 * A guardian account linked to one guardian entry of a student's record. Immutable; {@link #toString()} prints ids
 * only.
 *
 * @param id               the link's id
 * @param recordId         the student's record
 * @param guardianIndex    the guardian entry of the record, from 0
 * @param guardianSubject  the Keycloak user id of the guardian account
 * @param guardianUsername the guardian account's username when it was linked
 * @param relationship     how the guardian entry is related to the student, when the link was made
 * @param linkedBy         who linked it: the administrator's user id, or the guardian's for an accepted invitation
 * @param linkedAt         when
 * @param via              {@code CENTRE} (linked by an administrator) or {@code INVITATION} (an invitation accepted)
 */
public record GuardianLink(String id, String recordId, int guardianIndex, String guardianSubject,
        String guardianUsername, Relationship relationship, String linkedBy, Instant linkedAt, String via) {

    /** A link made by an administrator. */
    public static final String VIA_CENTRE = "CENTRE";
    /** A link made by a guardian accepting an invitation. */
    public static final String VIA_INVITATION = "INVITATION";

    /** Validates the components. */
    public GuardianLink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(guardianSubject, "guardianSubject");
        Objects.requireNonNull(linkedAt, "linkedAt");
    }

    @Override
    public String toString() {
        return "GuardianLink[id=" + id + ", recordId=" + recordId + ", guardianIndex=" + guardianIndex + "]";
    }
}
