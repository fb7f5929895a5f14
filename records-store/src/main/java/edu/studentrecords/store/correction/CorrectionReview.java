package edu.studentrecords.store.correction;

import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;

/**
 * A correction request with what it changes, for the reviewer: each group it touches as it was when the request was
 * made and as the request would make it. Groups it does not touch are {@code null}.
 *
 * @param request        the request
 * @param baseVersion    the record's version when the request was made
 * @param profileBefore  the profile then, or {@code null}
 * @param profileAfter   the profile as requested, or {@code null}
 * @param identityBefore the identity then, or {@code null}
 * @param identityAfter  the identity as requested, or {@code null}
 */
public record CorrectionReview(
        CorrectionRequest request,
        long baseVersion,
        Profile profileBefore,
        Profile profileAfter,
        Identity identityBefore,
        Identity identityAfter) {

    @Override
    public String toString() {
        return "CorrectionReview[" + request + "]";
    }
}
