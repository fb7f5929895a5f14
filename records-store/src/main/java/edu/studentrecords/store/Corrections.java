package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.correction.CorrectionReview;
import java.util.List;

/**
 * The centre's review of students' correction requests (rule 5.2): the duty {@code REVIEW_CORRECTIONS} (an
 * administrator with {@code student.admin}), then a read (review) or an update (approval, rejection) of the groups a
 * request touches, decided and audited by the gate. The student's side is {@link SelfService}. Thread-safe.
 */
public interface Corrections {

    /**
     * The pending requests the caller may review, oldest first, with their values. Each one shown is a read of its
     * record's touched groups, audited as {@code REVIEW_CORRECTION}; those the caller may not read are left out.
     */
    List<CorrectionReview> pending(AccessContext ctx);

    /**
     * Approves a pending request: applies its patch to the record as it is now, validated, as a new version. The
     * touched groups must still be as they were when the request was made.
     *
     * @param note a note for the student, or {@code null}
     * @throws StoreException {@code NOT_FOUND} (no such request), {@code CONFLICT} (no longer pending), {@code STALE}
     *     (the touched groups changed since the request), {@code INVALID} (the corrected record would be invalid)
     */
    CorrectionRequest approve(AccessContext ctx, String correctionId, String note);

    /**
     * Rejects a pending request with a reason (1 to 1000 characters); the record does not change.
     *
     * @throws StoreException {@code NOT_FOUND}, {@code CONFLICT} (no longer pending), {@code INVALID} (no reason)
     */
    CorrectionRequest reject(AccessContext ctx, String correctionId, String reason);
}
