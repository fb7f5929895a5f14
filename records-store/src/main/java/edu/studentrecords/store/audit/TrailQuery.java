package edu.studentrecords.store.audit;

import java.time.Duration;
import java.time.Instant;

/**
 * What a supervisor looks for in the whole trail: entries from a sequence number on, made through one client, of one
 * operation, with one decision, in a time window; any of these may be null (no condition).
 *
 * @param fromSequence where the scan starts (at least 1)
 * @param clientId     the client's id, or null
 * @param operation    the operation's code, or null
 * @param decision     ALLOW or DENY, or null
 * @param from         the window's start (inclusive), or null
 * @param to           the window's end (exclusive), or null
 * @param limit        how many matching entries one page holds (at least 1)
 */
public record TrailQuery(long fromSequence, String clientId, String operation, Decision decision, Instant from,
        Instant to, int limit) {

    /** How many entries one query reads at most before it answers with where to go on. */
    public static final int MAX_SCANNED = 10_000;

    /**
     * How far past the window's end the scan goes on: entries committed together may be a little out of time order.
     */
    static final Duration LATE = Duration.ofMinutes(1);

    public TrailQuery {
        if (fromSequence < 1 || limit < 1) {
            throw new IllegalArgumentException("fromSequence and limit must be at least 1");
        }
    }

    /** Whether {@code entry} is one looked for. */
    public boolean matches(AuditEntry entry) {
        return (clientId == null || clientId.equals(entry.clientId()))
                && (operation == null || operation.equals(entry.operation()))
                && (decision == null || decision == entry.decision())
                && (from == null || !entry.time().isBefore(from))
                && (to == null || entry.time().isBefore(to));
    }

    /** Whether the scan is past the window for good at {@code entry}. */
    public boolean pastWindow(AuditEntry entry) {
        return to != null && !entry.time().isBefore(to.plus(LATE));
    }
}
