package edu.studentrecords.keycloak.rest.guardians;

import edu.studentrecords.store.guardians.GuardianLink;
import java.time.Instant;
import java.util.List;

/**
 * A guardian link as the API answers it: {@code id, recordId, guardianIndex, guardianId, username, relationship,
 * linkedBy, linkedAt, via}. Ids and codes only.
 */
public record GuardianLinkRepresentation(String id, String recordId, int guardianIndex, String guardianId,
        String username, String relationship, String linkedBy, Instant linkedAt, String via) {

    public static GuardianLinkRepresentation of(GuardianLink link) {
        return new GuardianLinkRepresentation(link.id(), link.recordId(), link.guardianIndex(), link.guardianSubject(),
                link.guardianUsername(), link.relationship() == null ? null : link.relationship().name(),
                link.linkedBy(), link.linkedAt(), link.via());
    }

    /** The body of {@code POST /records/{id}/guardian-links}. */
    public record Request(Integer guardianIndex, String username) {
    }

    /** The answer of {@code GET /records/{id}/guardian-links}: the record's links, oldest first. */
    public record Listing(List<GuardianLinkRepresentation> links) {
    }
}
