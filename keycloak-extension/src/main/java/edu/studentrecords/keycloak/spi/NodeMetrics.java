package edu.studentrecords.keycloak.spi;

import edu.studentrecords.search.IndexStatus;
import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.store.audit.AuditOperation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The product's own metrics on this node, in the server's registry (Keycloak exports it in Prometheus format on the
 * management port's {@code /metrics}, beside its own): every API call by operation and outcome with its duration,
 * the scheduled self-checks this node ran and their findings, and per realm how far this node's search index is
 * behind the change feed, how many entries it could not take, and how large its files are. Counts, durations and sizes only: no id, no name. Thread-safe.
 */
final class NodeMetrics implements AutoCloseable {

    static final String REQUESTS = "student_records_requests";
    static final String INDEX_BEHIND = "student_records_search_index_behind";
    static final String INDEX_QUARANTINED = "student_records_search_index_quarantined";
    static final String INDEX_BYTES = "student_records_search_index_bytes";
    static final String SELF_CHECKS = "student_records_self_checks";
    static final String SELF_CHECK_FINDINGS = "student_records_self_check_findings";

    private final MeterRegistry registry;
    private final Map<String, List<Meter>> realmMeters = new ConcurrentHashMap<>();
    /** Meters made on first use (calls, self-checks) by name and tags, each built once, removed when the node stops. */
    private final Map<String, Meter> onUseMeters = new ConcurrentHashMap<>();

    NodeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One API call that answered {@code status} after {@code nanos}. */
    void served(AuditOperation operation, int status, long nanos) {
        String outcome = outcome(status);
        Timer timer = (Timer) onUseMeters.computeIfAbsent(REQUESTS + '|' + operation.code() + '|' + outcome,
                key -> Timer.builder(REQUESTS).description("Student records API calls by operation and outcome")
                        .tag("operation", operation.code()).tag("outcome", outcome).register(registry));
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One scheduled self-check this node ran for a realm, with its findings (the cluster's total is the sum). */
    void selfChecked(String realmName, int findings) {
        Counter runs = (Counter) onUseMeters.computeIfAbsent(SELF_CHECKS + '|' + realmName, key -> Counter
                .builder(SELF_CHECKS).description("Scheduled security self-checks this node ran")
                .tag("realm", realmName).register(registry));
        Counter found = (Counter) onUseMeters.computeIfAbsent(SELF_CHECK_FINDINGS + '|' + realmName, key -> Counter
                .builder(SELF_CHECK_FINDINGS)
                .description("Findings of the scheduled security self-checks this node ran")
                .tag("realm", realmName).register(registry));
        runs.increment();
        found.increment(findings);
    }

    /** What a status says of a call: allowed, refused (403, 404), unauthenticated, invalid (other 4xx) or failed. */
    static String outcome(int status) {
        if (status < 400) {
            return "allowed";
        }
        if (status == 401) {
            return "unauthenticated";
        }
        if (status == 403 || status == 404) {
            return "refused";
        }
        return status < 500 ? "invalid" : "failed";
    }

    /** Watches a realm's index on this node, until {@link #forget}. */
    void watch(String realmId, String realmName, StudentSearchIndex index, Path indexFolder) {
        List<Meter> meters = List.of(
                Gauge.builder(INDEX_BEHIND, index, i -> behind(i.status()))
                        .description("Change feed entries not yet searchable on this node (-1: store unreachable)")
                        .tag("realm", realmName).register(registry),
                Gauge.builder(INDEX_QUARANTINED, index, i -> i.status().quarantinedSinceOpen())
                        .description("Change feed entries this node's index could not take since it opened")
                        .tag("realm", realmName).register(registry),
                // A gauge holds its object weakly: nothing else holds the folder's path.
                Gauge.builder(INDEX_BYTES, indexFolder, NodeMetrics::size).strongReference(true).baseUnit("bytes")
                        .description("Size of this node's search index files").tag("realm", realmName)
                        .register(registry));
        List<Meter> before = realmMeters.put(realmId, meters);
        if (before != null) {
            before.stream().filter(meter -> !meters.contains(meter)).forEach(registry::remove);
        }
    }

    void forget(String realmId) {
        List<Meter> meters = realmMeters.remove(realmId);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    private static double behind(IndexStatus status) {
        return status.behind();
    }

    /** The bytes of the files below {@code folder}; a file merged away while the folder is walked counts nothing. */
    private static double size(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        long[] total = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return Double.NaN;
        }
        return total[0];
    }

    @Override
    public void close() {
        realmMeters.keySet().forEach(this::forget);
        onUseMeters.values().forEach(registry::remove);
        onUseMeters.clear();
    }
}
