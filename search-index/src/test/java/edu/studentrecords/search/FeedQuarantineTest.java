package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.feed.QuarantinedChange;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.testing.Principals;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entry the index cannot take is quarantined and passed, and the record is kept out of the index (its earlier
 * version too); a failure that is not the entry's own is retried, never quarantined. A feed in memory.
 */
class FeedQuarantineTest {

    private static final AccessContext ADMIN = Principals.admin("admin-1");
    private static final String PHYSICS = "science/physics/2024-1";
    private static final String DOTTED = "science/../physics";

    @TempDir
    Path dir;

    @Test
    void anEntryWhoseUnitDoesNotParseIsQuarantinedAndTheEntriesAfterItBecomeSearchable() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        feed.upsert("before", 1, Profiles.of("Q000000001", "孙悦", PHYSICS, EnrolmentStatus.ENROLLED));
        long poison = feed.upsert("dotted", 1, Profiles.of("Q000000002", "孙浩", DOTTED, EnrolmentStatus.ENROLLED));
        feed.upsert("after", 1, Profiles.of("Q000000003", "孙欣", PHYSICS, EnrolmentStatus.ENROLLED));
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir).withBatchSize(1), feed)) {
            assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(10))).isTrue();

            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("sun"), 0).hits()).extracting(SearchHit::recordId)
                    .containsExactlyInAnyOrder("before", "after");
            assertThat(feed.everQuarantined()).extracting(QuarantinedChange::sequence, QuarantinedChange::recordId,
                    QuarantinedChange::version, QuarantinedChange::reasonCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(poison, "dotted", 1L, "UNIT_INVALID"));
            assertThat(index.status().quarantinedSinceOpen()).isEqualTo(1);
        }
    }

    @Test
    void aRecordThatCanNoLongerBeIndexedLeavesTheIndexWithItsEarlierVersionUntilItIsIndexableAgain() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        feed.upsert("moved", 1, Profiles.of("Q000000011", "钱明", PHYSICS, EnrolmentStatus.ENROLLED));
        feed.upsert("other", 1, Profiles.of("Q000000012", "钱华", PHYSICS, EnrolmentStatus.ENROLLED));
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir), feed)) {
            assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(10))).isTrue();
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("钱明"), 0).total()).isEqualTo(1);

            assertThat(index.awaitSearchable(
                    feed.upsert("moved", 2, Profiles.of("Q000000011", "钱明", DOTTED, EnrolmentStatus.ENROLLED)),
                    Duration.ofSeconds(10))).isTrue();
            SearchResult gone = index.search(Scopes.of(ADMIN), SearchQuery.of("qian"), 0);
            assertThat(gone.hits()).extracting(SearchHit::recordId).containsExactly("other");
            assertThat(gone.total()).isEqualTo(1);
            assertThat(gone.unitCounts()).isEqualTo(java.util.Map.of(PHYSICS, 1L));
            assertThat(feed.quarantined()).extracting(QuarantinedChange::recordId).containsExactly("moved");

            assertThat(index.awaitSearchable(
                    feed.upsert("moved", 3, Profiles.of("Q000000011", "钱明", PHYSICS, EnrolmentStatus.ENROLLED)),
                    Duration.ofSeconds(10))).isTrue();
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("钱明"), 0).hits()).extracting(SearchHit::version)
                    .containsExactly(3L);
            assertThat(feed.quarantined()).as("no longer standing").isEmpty();
        }
    }

    @Test
    void aDocumentTheIndexRefusesIsQuarantinedAndTheIndexGoesOn() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        // One term longer than the index takes (32,766 bytes): refused by the index writer, not by the document.
        long refused = feed.upsert("immense", 1, Profiles.of("Q" + "0".repeat(40_000), "周静", PHYSICS,
                EnrolmentStatus.ENROLLED));
        feed.upsert("fine", 1, Profiles.of("Q000000021", "周敏", PHYSICS, EnrolmentStatus.ENROLLED));
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir), feed)) {
            assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(10))).isTrue();

            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("zhou"), 0).hits()).extracting(SearchHit::recordId)
                    .containsExactly("fine");
            assertThat(feed.everQuarantined()).extracting(QuarantinedChange::sequence, QuarantinedChange::reasonCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(refused, "DOCUMENT_REJECTED"));
            long next = feed.upsert("later", 1, Profiles.of("Q000000022", "周娜", PHYSICS, EnrolmentStatus.ENROLLED));
            assertThat(index.awaitSearchable(next, Duration.ofSeconds(10))).isTrue();
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("周娜"), 0).total()).isEqualTo(1);
        }
    }

    @Test
    void aLargeBatchIsAppliedWholeWithItsUnindexableEntriesQuarantinedAndEachRecordsLastStateKept() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        int records = 300;
        for (int i = 0; i < records; i++) {
            String name = "郑" + (i % 2 == 0 ? "伟" : "芳");
            feed.upsert("r" + i, 1, Profiles.of(String.format("Q1%08d", i), name, PHYSICS, EnrolmentStatus.ENROLLED));
        }
        long dotted = feed.upsert("dotted", 1, Profiles.of("Q200000001", "郑敏", DOTTED, EnrolmentStatus.ENROLLED));
        long immense = feed.upsert("immense", 1, Profiles.of("Q" + "1".repeat(40_000), "郑静", PHYSICS,
                EnrolmentStatus.ENROLLED));
        feed.upsert("r10", 2, Profiles.of("Q100000010", "郑伟", CHEMISTRY, EnrolmentStatus.ENROLLED));
        feed.remove("r20");
        // One batch each time (the default takes 1,000 entries): the first catch-up's on the consumer's thread, then
        // the rebuild's, whose batches of more than a few records are built and written on several threads.
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir), feed)) {
            assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(30))).isTrue();
            assertAppliedWhole(index, feed, records, dotted, immense);
            assertThat(index.status().quarantinedSinceOpen()).isEqualTo(2);

            assertThat(index.rebuild()).isEqualTo(records + 4);
            assertAppliedWhole(index, feed, records, dotted, immense);
            assertThat(index.status().quarantinedSinceOpen()).as("each quarantined again by the rebuild").isEqualTo(4);
        }
    }

    private static final String CHEMISTRY = "science/chemistry/2024-1";

    private static void assertAppliedWhole(StudentSearchIndex index, MemoryFeed feed, int records, long dotted,
            long immense) {
        SearchResult all = index.search(Scopes.of(ADMIN), SearchQuery.of("zheng"), 0);
        assertThat(all.total()).isEqualTo(records - 1);
        assertThat(all.unitCounts()).isEqualTo(java.util.Map.of(PHYSICS, (long) records - 2, CHEMISTRY, 1L));
        assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("Q100000010"), 0).hits())
                .extracting(SearchHit::recordId, SearchHit::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r10", 2L));
        assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("Q100000020"), 0).total()).isZero();
        assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("Q100000299"), 0).hits())
                .extracting(SearchHit::recordId).containsExactly("r299");
        assertThat(feed.everQuarantined()).extracting(QuarantinedChange::sequence, QuarantinedChange::reasonCode)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(dotted, "UNIT_INVALID"),
                        org.assertj.core.groups.Tuple.tuple(immense, "DOCUMENT_REJECTED"));
    }

    @Test
    void aStoreThatCannotBeReachedIsRetriedAndNothingIsQuarantined() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        Profiles generated = new Profiles(21);
        for (int i = 0; i < 30; i++) {
            feed.upsert("r" + i, 1, generated.next(i));
        }
        feed.failNextPolls(3);
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir), feed)) {
            assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(10))).isTrue();
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of(""), 0).total()).isEqualTo(30);
            assertThat(feed.everQuarantined()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> index.status().consecutiveFailures() == 0);
        }
    }

    @Test
    void anEntryIsNotPassedUntilItsQuarantineIsRecordedInTheStore() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        long first = feed.upsert("first", 1, Profiles.of("Q000000031", "吴伟", PHYSICS, EnrolmentStatus.ENROLLED));
        long poison = feed.upsert("dotted", 1, Profiles.of("Q000000032", "吴芳", DOTTED, EnrolmentStatus.ENROLLED));
        feed.upsert("last", 1, Profiles.of("Q000000033", "吴娜", PHYSICS, EnrolmentStatus.ENROLLED));
        feed.quarantineFails(true);
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir).withBatchSize(1), feed)) {
            assertThat(index.awaitSearchable(first, Duration.ofSeconds(10))).isTrue();
            // Tried, failed, and tried again: the consumer is retrying the entry, not passing it.
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.quarantineAttempts() >= 2);
            assertThat(index.searchablePosition()).isLessThan(poison);
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("吴娜"), 0).total()).isZero();
            assertThat(index.status().consecutiveFailures()).isPositive();

            feed.quarantineFails(false);
            assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(30))).isTrue();
            assertThat(feed.everQuarantined()).extracting(QuarantinedChange::sequence).containsExactly(poison);
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("wu"), 0).hits()).extracting(SearchHit::recordId)
                    .containsExactlyInAnyOrder("first", "last");
        }
    }
}
