package edu.studentrecords.store.guardians;

import java.time.Instant;

/**
 * An invitation just made: its id, the one-time token the guardian's link carries (the store keeps only its hash), and
 * when it expires. {@link #toString()} never prints the token.
 *
 * @param id        the invitation's id
 * @param recordId  the student's record
 * @param token     the one-time token, to be sent to the guardian and nowhere else
 * @param expiresAt when it can no longer be accepted
 */
public record IssuedInvitation(String id, String recordId, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedInvitation[id=" + id + ", recordId=" + recordId + ", expiresAt=" + expiresAt + "]";
    }
}
