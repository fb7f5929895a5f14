package edu.studentrecords.keycloak.audit;

import edu.studentrecords.store.audit.AnchorCheck;
import edu.studentrecords.store.audit.TrailVerification;
import java.util.List;

/**
 * {@code GET /audit/verify}: whether the chain, the sealed checkpoints and the anchors outside the store agree; where
 * the chain breaks first; and, per anchor, what a fresh verify found ({@code CUT}, {@code REWRITTEN},
 * {@code ANCHOR_MOVED}, {@code CHECKPOINT_MISSING}).
 */
public record VerificationView(boolean intact, long entriesChecked, Long firstBrokenSequence, String problem,
        String mode, long firstKeptSequence, int epochsChecked, Long brokenEpoch, List<Anchor> anchors) {

    /** One anchor kept outside the store and what the verify found about it. */
    public record Anchor(String place, long sequence, Long epoch, List<String> findings) {

        static Anchor of(AnchorCheck check) {
            return new Anchor(check.place(), check.sequence(), check.epoch(), check.findings());
        }
    }

    public static VerificationView of(TrailVerification v) {
        String problem = v.chain().problem();
        if (problem == null && v.brokenEpoch() != null) {
            problem = "checkpoint mismatch";
        }
        if (problem == null && !v.intact()) {
            problem = "anchor mismatch";
        }
        return new VerificationView(v.intact(), v.chain().entriesChecked(), v.chain().firstBrokenSequence(), problem,
                v.incremental() ? "incremental" : "full", v.firstKeptSequence(), v.epochsChecked(), v.brokenEpoch(),
                v.anchors().stream().map(Anchor::of).toList());
    }
}
