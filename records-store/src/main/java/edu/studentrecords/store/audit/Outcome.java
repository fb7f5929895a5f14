package edu.studentrecords.store.audit;

/** What came of a call, as its audit entry tells it. */
public enum Outcome {
    /** Allowed and done. */
    DONE,
    /** Allowed, but it did not go ahead (stale, conflict, invalid, failed): nothing was changed. */
    NOT_DONE,
    /** Refused. */
    DENIED;

    /** The outcome an entry with this decision and reason code tells. */
    public static Outcome of(Decision decision, String reason) {
        if (decision == Decision.DENY) {
            return DENIED;
        }
        boolean notDone = reason != null && java.util.Arrays.stream(AuditReason.values())
                .anyMatch(r -> r.code().equals(reason) && r.notDone());
        return notDone ? NOT_DONE : DONE;
    }
}
