package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.testing.Principals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Updates, removals, reopening at the committed position, rebuilding and reconciling; a feed in memory. */
class IndexLifecycleTest {

    private static final AccessContext ADMIN = Principals.admin("admin-1");
    private static final String UNIT = "arts/history/2023-1";

    @TempDir
    Path dir;

    @Test
    void updatesReplaceRemovalsDeleteAtOnceAndReconcileReportsDrift() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        Profiles generated = new Profiles(3);
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            feed.upsert("r" + i, 1, generated.next(i));
            versions.put("r" + i, 1L);
        }
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir), feed)) {
            feed.upsert("r1", 2, Profiles.of("G000000001", "李四", UNIT, EnrolmentStatus.WITHDRAWN));
            versions.put("r1", 2L);
            long removal = feed.remove("r2");
            versions.remove("r2");
            assertThat(index.awaitSearchable(removal, Duration.ofSeconds(5))).isTrue();

            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("li si"), 0).hits()).extracting(SearchHit::recordId).containsExactly("r1");
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("G000000002"), 0).total()).isZero();
            assertThat(index.reconcile(versions).isEmpty()).isTrue();
            assertThat(index.reconcileWithFeed().isEmpty()).isTrue();

            Map<String, Long> drifted = new HashMap<>(versions);
            drifted.put("r-only-in-store", 1L);
            drifted.remove("r3");
            drifted.put("r4", 7L);
            Drift drift = index.reconcile(drifted);
            assertThat(drift.missing()).containsExactly("r-only-in-store");
            assertThat(drift.extra()).containsExactly("r3");
            assertThat(drift.mismatched()).containsOnlyKeys("r4");
            assertThat(drift.mismatched().get("r4")).isEqualTo(new Drift.Versions(7, 1));
        }
    }

    @Test
    void aReopenedIndexResumesAtItsCommittedPositionAndARebuildGivesTheSameContents() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        Profiles generated = new Profiles(4);
        for (int i = 0; i < 200; i++) {
            feed.upsert("r" + i, 1, generated.next(i));
        }
        feed.remove("r10");
        SearchSettings settings = SearchSettings.defaults(dir);
        try (StudentSearchIndex index = StudentSearchIndex.open(settings, feed)) {
            assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(10))).isTrue();
        }
        CountingFeed counting = new CountingFeed(feed);
        try (StudentSearchIndex index = StudentSearchIndex.open(settings, counting)) {
            assertThat(index.searchablePosition()).isEqualTo(feed.head());
            // The reopened index has asked the feed for what follows its position: a replay would have been served
            // by that answer. Only then is "nothing served" worth checking.
            await().atMost(Duration.ofSeconds(10)).until(() -> counting.pollsAnswered() > 0);
            assertThat(counting.eventsServed()).as("nothing replayed after a clean close").isZero();
            SearchResult before = index.search(Scopes.of(ADMIN), SearchQuery.of("").withLimit(200), 0);

            assertThat(index.rebuild()).isEqualTo(201);
            SearchResult after = index.search(Scopes.of(ADMIN), SearchQuery.of("").withLimit(200), 0);
            assertThat(after.total()).isEqualTo(before.total()).isEqualTo(199);
            assertThat(after.unitCounts()).isEqualTo(before.unitCounts());
            assertThat(index.reconcileWithFeed().isEmpty()).isTrue();
        }
    }

    @Test
    void aRebuildKeepsOneDocumentPerRecordWhenARecordsChangesComeInDifferentBatches() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        Profiles generated = new Profiles(5);
        for (int i = 0; i < 60; i++) {
            feed.upsert("r" + i, 1, generated.next(i));
        }
        // Later changes of records met earlier in the feed, far enough apart to fall in other batches of 7.
        feed.upsert("r5", 2, Profiles.of("G000000005", "王五", UNIT, EnrolmentStatus.ENROLLED));
        feed.remove("r7");
        for (int i = 60; i < 80; i++) {
            feed.upsert("r" + i, 1, generated.next(i));
        }
        feed.upsert("r5", 3, Profiles.of("G000000005", "赵六", UNIT, EnrolmentStatus.SUSPENDED));
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir).withBatchSize(7), feed)) {
            assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(10))).isTrue();

            assertThat(index.rebuild()).isEqualTo(83);

            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("").withLimit(100), 0).total()).isEqualTo(79);
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("G000000005"), 0).hits())
                .singleElement().satisfies(hit -> assertThat(hit.version()).isEqualTo(3));
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("wang wu"), 0).total()).isZero();
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("G000000007"), 0).total()).isZero();
            assertThat(index.reconcileWithFeed().isEmpty()).isTrue();
        }
    }

    /** Counts the events a feed hands out. */
    private static final class CountingFeed implements edu.studentrecords.store.feed.ChangeFeed {
        private final MemoryFeed feed;
        private final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();

        CountingFeed(MemoryFeed feed) {
            this.feed = feed;
        }

        @Override
        public edu.studentrecords.store.feed.ChangeBatch poll(long after, int limit) {
            var batch = feed.poll(after, limit);
            served.addAndGet(batch.events().size());
            answered.incrementAndGet();
            return batch;
        }

        @Override
        public long head() {
            return feed.head();
        }

        @Override
        public edu.studentrecords.store.feed.ChangedRecords changedAfter(long after, int limit) {
            return feed.changedAfter(after, limit);
        }

        @Override
        public void quarantine(long sequence, String recordId, long version, String reasonCode) {
            feed.quarantine(sequence, recordId, version, reasonCode);
        }

        @Override
        public java.util.List<edu.studentrecords.store.feed.QuarantinedChange> quarantined() {
            return feed.quarantined();
        }

        long eventsServed() {
            return served.get();
        }

        long pollsAnswered() {
            return answered.get();
        }
    }
}
