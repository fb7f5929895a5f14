package edu.studentrecords.store.audit;

import java.util.List;
import java.util.Objects;

/**
 * The result of a verify of the audit trail: the walk of the kept chain, the checks of the sealed epochs' checkpoints
 * against it, and the comparison with every anchor kept outside the database. Immutable.
 *
 * @param chain the walk: full (every kept entry) or incremental (the entries after the last sealed checkpoint)
 * @param incremental whether only the entries after the last sealed checkpoint were walked
 * @param firstKeptSequence the first sequence still stored (1 until epochs are dropped)
 * @param epochsChecked how many sealed epochs' boundaries were checked against the chain
 * @param brokenEpoch the first sealed epoch whose checkpoint the chain does not match, or null
 * @param anchors the comparison with each external anchor
 */
public record TrailVerification(ChainVerification chain, boolean incremental, long firstKeptSequence,
        int epochsChecked, Long brokenEpoch, List<AnchorCheck> anchors) {

    public TrailVerification {
        Objects.requireNonNull(chain, "chain");
        anchors = List.copyOf(anchors);
    }

    /** Whether the chain, every checkpoint and every external anchor agree. */
    public boolean intact() {
        return chain.intact() && brokenEpoch == null && anchors.stream().allMatch(AnchorCheck::agrees);
    }
}
