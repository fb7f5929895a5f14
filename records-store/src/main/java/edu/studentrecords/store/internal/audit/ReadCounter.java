package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.audit.ReadCounts;
import edu.studentrecords.store.audit.ReadCounts.Bucket;
import edu.studentrecords.store.audit.ReadCounts.By;
import edu.studentrecords.store.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Counts the reads of records in a time window per client or purpose and per bucket, from the kept entries of the
 * trail as they are stored (whether they are intact is the verify's to say). Identifiers and codes only.
 */
final class ReadCounter {

    /** The most entries one count reads; a busier window is refused (narrow it). */
    static final int MAX_SCAN = 1_000_000;

    private final WindowScan scan;

    ReadCounter(ChainReader chain) {
        this.scan = new WindowScan(chain);
    }

    ReadCounts count(Instant from, Instant to, By by, Bucket bucket, long firstKept, long head) {
        Instant start = bucket.floor(from);
        Instant end = bucket.floor(to).equals(to) ? to : bucket.floor(to).plus(bucket.width());
        List<Instant> buckets = new ArrayList<>();
        for (Instant b = start; b.isBefore(end); b = b.plus(bucket.width())) {
            buckets.add(b);
        }
        Map<String, long[]> allowed = new HashMap<>();
        Map<String, long[]> refused = new HashMap<>();
        long scanned = scan.walk(start, end, firstKept, head, MAX_SCAN, ReadCounter::tooMany, document -> {
            AuditEntry entry = entry(document);
            if (!ReadCounts.READS.contains(entry.operation()) || entry.time().isBefore(start)
                    || !entry.time().isBefore(end)) {
                return;
            }
            String key = by == By.CLIENT ? entry.clientId() : entry.purpose();
            if (entry.decision() == Decision.ALLOW) {
                int index = (int) (Duration.between(start, entry.time()).toSeconds() / bucket.width().toSeconds());
                allowed.computeIfAbsent(key, k -> new long[buckets.size()])[index]++;
            } else {
                refused.computeIfAbsent(key, k -> new long[1])[0]++;
            }
        });
        List<ReadCounts.Series> series = new ArrayList<>();
        Set<String> keys = new HashSet<>(allowed.keySet());
        keys.addAll(refused.keySet());
        for (String key : keys) {
            long[] counts = allowed.getOrDefault(key, new long[buckets.size()]);
            List<Long> list = new ArrayList<>(counts.length);
            long total = 0;
            for (long c : counts) {
                list.add(c);
                total += c;
            }
            series.add(new ReadCounts.Series(key, list, total, refused.getOrDefault(key, new long[1])[0]));
        }
        series.sort(Comparator.comparingLong(ReadCounts.Series::total).reversed()
                .thenComparing(ReadCounts.Series::key, Comparator.nullsLast(Comparator.naturalOrder())));
        return new ReadCounts(start, end, by, bucket, buckets, series, scanned);
    }

    private static AuditEntry entry(Document document) {
        try {
            return EntryDocument.toEntry(document);
        } catch (MalformedEntryException e) {
            throw StoreException.conflict(StoreException.Subject.AUDIT_TRAIL, "NOT_INTACT");
        }
    }

    private static StoreException tooMany() {
        return StoreException.invalid(StoreException.Subject.AUDIT_TRAIL, new FieldError("to", "range",
                "the window holds more than " + MAX_SCAN + " entries to read; narrow it"));
    }
}
