package edu.studentrecords.store.audit;

import java.util.List;

/**
 * What a verify found when it compared one {@link ExternalAnchor} with the chain. {@code findings} is empty when the
 * chain holds the anchored entry as it was anchored; otherwise it names each problem: {@code CUT} (the chain ends
 * before the anchored entry), {@code REWRITTEN} (the entry is there with another hash), {@code ANCHOR_MOVED} (the
 * store's own anchor is behind the anchored entry, as after someone moved it back), {@code CHECKPOINT_MISSING} (the
 * store has no checkpoint of the anchored epoch, or another one). Immutable.
 */
public record AnchorCheck(String place, long sequence, Long epoch, List<String> findings) {

    public AnchorCheck {
        findings = List.copyOf(findings);
    }

    /** Whether the anchor agrees with the chain. */
    public boolean agrees() {
        return findings.isEmpty();
    }
}
