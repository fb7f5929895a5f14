package edu.studentrecords.store.internal.mongo;

import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;

/**
 * What a correction request holds that is personal: the merge patch, the student's reason and the touched groups
 * before and after. Stored only sealed ({@link CorrectionSeal}).
 */
public record CorrectionContent(
        String patch,
        String reason,
        Profile profileBefore,
        Identity identityBefore,
        Profile profileAfter,
        Identity identityAfter) {

    @Override
    public String toString() {
        return "CorrectionContent[<hidden>]";
    }
}
