package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.store.correction.CorrectionReview;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pending correction request as a reviewer sees it: the request, the record it concerns, the record's version when
 * it was made, and for each touched group its value then ({@code before}) and as requested ({@code after}).
 */
public record CorrectionReviewRepresentation(String recordId, long baseVersion, CorrectionRepresentation request,
        Map<String, Change> changes) {

    /** One group before and after. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Change(Object before, Object after) {
    }

    public static CorrectionReviewRepresentation of(CorrectionReview review) {
        Map<String, Change> changes = new LinkedHashMap<>();
        if (review.profileAfter() != null) {
            changes.put("profile", new Change(review.profileBefore(), review.profileAfter()));
        }
        if (review.identityAfter() != null) {
            changes.put("identity", new Change(review.identityBefore(), review.identityAfter()));
        }
        return new CorrectionReviewRepresentation(review.request().recordId(), review.baseVersion(),
                CorrectionRepresentation.of(review.request()), changes);
    }

    @Override
    public String toString() {
        return "CorrectionReviewRepresentation[" + request + "]";
    }
}
