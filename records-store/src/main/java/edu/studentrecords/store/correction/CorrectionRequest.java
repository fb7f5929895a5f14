package edu.studentrecords.store.correction;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.Set;

/**
 * A request to correct fields of one record, without the values (see {@link CorrectionReview} for those).
 *
 * @param id          the request's id
 * @param recordId    the record it would change
 * @param status      where it stands
 * @param groups      the field groups it changes ({@code profile}, {@code identity})
 * @param reason      why the student asks, in their words
 * @param requestedAt when it was made
 * @param decidedAt   when it was approved or rejected, or {@code null} while pending
 * @param outcome     the decision, or {@code null} while pending
 */
public record CorrectionRequest(
        String id,
        String recordId,
        CorrectionStatus status,
        Set<FieldGroup> groups,
        String reason,
        Instant requestedAt,
        Instant decidedAt,
        CorrectionOutcome outcome) {

    public CorrectionRequest {
        groups = Set.copyOf(groups);
    }

    @Override
    public String toString() {
        return "CorrectionRequest[id=" + id + ", status=" + status + ", groups=" + groups + "]";
    }
}
