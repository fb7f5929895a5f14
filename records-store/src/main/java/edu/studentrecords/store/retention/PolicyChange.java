package edu.studentrecords.store.retention;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of a realm's retention policy. One that makes retention shorter (a period shortened, or a status added to
 * those archived and so destroyed) takes effect only when a second administrator approves it; any other change applies
 * at once.
 *
 * @param status     whether it applies, awaits approval, or was approved or cancelled
 * @param current    the policy in force after this step
 * @param proposed   the policy asked for
 * @param proposedBy the administrator who asked
 * @param proposedAt when
 * @param decidedBy  who approved or cancelled it, or null
 */
public record PolicyChange(Status status, RetentionPolicy current, RetentionPolicy proposed, String proposedBy,
        Instant proposedAt, String decidedBy) {

    /** Where a change stands. */
    public enum Status {
        /** It made retention no shorter and applied at once. */
        APPLIED,
        /** It makes retention shorter and waits for a second administrator. */
        AWAITING_APPROVAL,
        /** A second administrator approved it; it applies. */
        APPROVED,
        /** It was cancelled; the policy did not change. */
        CANCELLED
    }

    public PolicyChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(proposed, "proposed");
        Objects.requireNonNull(proposedAt, "proposedAt");
    }
}
