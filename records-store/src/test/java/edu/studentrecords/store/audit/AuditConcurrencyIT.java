package edu.studentrecords.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import edu.studentrecords.store.testing.InProcessMongo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many threads in two trail instances (two nodes, each with its own client) append to one database. */
class AuditConcurrencyIT {

    private static final int THREADS_PER_NODE = 4;
    private static final int APPENDS_PER_THREAD = 150;
    private static final int RECORDS = 7;

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    @Test
    void twoNodesAndManyThreadsMakeOneLinearChain() throws Exception {
        String name = InProcessMongo.freshDatabaseName();
        MongoDatabase nodeA = MONGO.newClient().getDatabase(name);
        MongoDatabase nodeB = MONGO.newClient().getDatabase(name);
        Set<Long> sequences = ConcurrentHashMap.newKeySet();
        int total = 2 * THREADS_PER_NODE * APPENDS_PER_THREAD;
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
        try (AuditTrail first = MongoAuditTrail.open(nodeA, AuditFixtures.KEY, Clock.systemUTC());
                AuditTrail second = MongoAuditTrail.open(nodeB, AuditFixtures.KEY, Clock.systemUTC())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 2 * THREADS_PER_NODE; t++) {
                AuditTrail trail = t % 2 == 0 ? first : second;
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                        AuditEntry entry = trail.append(AuditFixtures.read("rec-" + (thread * 31 + i) % RECORDS));
                        assertThat(sequences.add(entry.sequence())).isTrue();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }

            assertThat(first.verify()).isEqualTo(ChainVerification.intact(total));
            assertThat(second.verify()).isEqualTo(ChainVerification.intact(total));
            assertThat(sequences).hasSize(total);
            assertThat(sequences.stream().mapToLong(Long::longValue).max().getAsLong()).isEqualTo(total);

            List<AuditEntry> all = new ArrayList<>(first.range(1, 1000));
            all.addAll(first.range(1001, 1000));
            assertThat(all).hasSize(total);
            for (int i = 0; i < total; i++) {
                assertThat(all.get(i).sequence()).isEqualTo(i + 1);
            }

            long indexed = 0;
            for (int record = 0; record < RECORDS; record++) {
                indexed += historySize(second, "rec-" + record);
            }
            assertThat(indexed).isEqualTo(total);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long historySize(AuditTrail trail, String recordId) {
        long size = 0;
        long previous = Long.MAX_VALUE;
        for (int offset = 0;; offset += 100) {
            List<AuditEntry> page = trail.historyOf(recordId, null, null, offset, 100);
            for (AuditEntry entry : page) {
                assertThat(entry.recordId()).isEqualTo(recordId);
                assertThat(entry.sequence()).isLessThan(previous);
                previous = entry.sequence();
            }
            size += page.size();
            if (page.size() < 100) {
                return size;
            }
        }
    }
}
