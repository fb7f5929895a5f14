package edu.studentrecords.store.internal.incidents;

import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.Outcome;
import edu.studentrecords.store.incidents.IncidentScope;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records an incident's scope reached, from the audit trail: every entry of the scope's client and/or user in its
 * window that read, searched, exported or changed records and went ahead, with the groups it covered (only the scope's
 * groups, when it names some). Entries are found by time: the first entry of the window is sought by bisection over
 * sequence numbers, then the window is read in pages. Thread-safe.
 */
final class AffectedScan {

    private static final int PAGE = 1000;
    /** Entries are appended in time order within a node; this much disorder across nodes is allowed for. */
    private static final long SKEW_MILLIS = 60_000;
    private static final Set<String> REACHING = Set.of(AuditOperation.READ.code(), AuditOperation.SEARCH.code(),
            AuditOperation.EXPORT.code(), AuditOperation.UPDATE.code(), AuditOperation.CREATE.code(),
            AuditOperation.READ_HISTORY.code(), AuditOperation.APPROVE_CORRECTION.code());

    private final AuditTrail trail;

    AffectedScan(AuditTrail trail) {
        this.trail = trail;
    }

    /** The records reached, each with the groups reached, in the order first reached. */
    Map<String, Set<FieldGroup>> reached(IncidentScope scope) {
        Map<String, Set<FieldGroup>> found = new LinkedHashMap<>();
        long sequence = firstAtOrAfter(scope.from().minusMillis(SKEW_MILLIS));
        Instant stop = scope.to().plusMillis(SKEW_MILLIS);
        while (sequence > 0) {
            List<AuditEntry> page = trail.range(sequence, PAGE);
            for (AuditEntry entry : page) {
                if (entry.time().isAfter(stop)) {
                    return found;
                }
                take(scope, entry, found);
            }
            if (page.size() < PAGE) {
                return found;
            }
            sequence += page.size();
        }
        return found;
    }

    private static void take(IncidentScope scope, AuditEntry entry, Map<String, Set<FieldGroup>> found) {
        boolean inWindow = !entry.time().isBefore(scope.from()) && entry.time().isBefore(scope.to());
        boolean byScope = (scope.clientId() == null || scope.clientId().equals(entry.clientId()))
                && (scope.userId() == null || scope.userId().equals(entry.subject()));
        if (!inWindow || !byScope || entry.outcome() != Outcome.DONE || !REACHING.contains(entry.operation())) {
            return;
        }
        EnumSet<FieldGroup> groups = EnumSet.noneOf(FieldGroup.class);
        groups.addAll(entry.groups());
        if (!scope.groups().isEmpty()) {
            groups.retainAll(scope.groups());
        }
        if (groups.isEmpty()) {
            return;
        }
        List<String> records = new ArrayList<>(entry.recordIds());
        if (entry.recordId() != null) {
            records.add(entry.recordId());
        }
        for (String record : records) {
            found.computeIfAbsent(record, r -> EnumSet.noneOf(FieldGroup.class)).addAll(groups);
        }
    }

    /** The sequence of the first entry at or after {@code time}, or 0 when there is none. */
    private long firstAtOrAfter(Instant time) {
        long high = 1;
        while (true) {
            List<AuditEntry> probe = trail.range(high, 1);
            if (probe.isEmpty()) {
                break;
            }
            if (!probe.get(0).time().isBefore(time)) {
                break;
            }
            high *= 2;
        }
        long low = high / 2 + 1;
        if (high == 1) {
            return trail.range(1, 1).isEmpty() ? 0 : 1;
        }
        // The answer lies in [low, high]: entries before low are earlier than time; high is past the end or not earlier.
        while (low < high) {
            long mid = low + (high - low) / 2;
            List<AuditEntry> probe = trail.range(mid, 1);
            if (probe.isEmpty() || !probe.get(0).time().isBefore(time)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return trail.range(low, 1).isEmpty() ? 0 : low;
    }
}
