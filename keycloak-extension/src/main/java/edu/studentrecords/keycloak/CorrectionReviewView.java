package edu.studentrecords.keycloak;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.store.correction.CorrectionReview;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pending correction request as a reviewer sees it: the request, the record it concerns, the record's version when
 * it was made, and for each touched group its value then ({@code before}) and as requested ({@code after}).
 */
record CorrectionReviewView(String recordId, long baseVersion, CorrectionView request, Map<String, Change> changes) {

    /** One group before and after. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Change(Object before, Object after) {
    }

    static CorrectionReviewView of(CorrectionReview review) {
        Map<String, Change> changes = new LinkedHashMap<>();
        if (review.profileAfter() != null) {
            changes.put("profile", new Change(review.profileBefore(), review.profileAfter()));
        }
        if (review.identityAfter() != null) {
            changes.put("identity", new Change(review.identityBefore(), review.identityAfter()));
        }
        return new CorrectionReviewView(review.request().recordId(), review.baseVersion(),
                CorrectionView.of(review.request()), changes);
    }

    @Override
    public String toString() {
        return "CorrectionReviewView[" + request + "]";
    }
}
