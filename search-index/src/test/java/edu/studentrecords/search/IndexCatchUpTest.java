package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.testing.Principals;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index that has not caught up with the feed since it opened says so, refuses searches with a time to retry,
 * and says how far it is; once caught up it stays so. The feed is held, so "not yet" is certain, not a race.
 */
class IndexCatchUpTest {

    private static final AccessContext ADMIN = Principals.admin("admin-1");

    @TempDir
    Path dir;

    @Test
    void untilItHasCaughtUpTheIndexSaysSoAndRefusesSearchesThenItStaysCaughtUp() throws Exception {
        MemoryFeed memory = new MemoryFeed();
        Profiles generated = new Profiles(31);
        for (int i = 0; i < 120; i++) {
            memory.upsert("r" + i, 1, generated.next(i));
        }
        HeldFeed feed = new HeldFeed(memory);
        feed.hold();
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir), feed)) {
            // The consumer has read the head and asked for what follows: the index cannot have caught up.
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.pollsWhileHeld() > 0);
            assertThat(index.caughtUp()).isFalse();
            IndexStatus behind = index.status();
            assertThat(behind.caughtUp()).isFalse();
            assertThat(behind.catchUpTarget()).isEqualTo(120);
            assertThat(behind.feedHead()).isEqualTo(120);
            assertThat(behind.behind()).isEqualTo(120);
            assertThat(behind.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
            assertThatThrownBy(() -> index.searching(SearchQuery.of(""), 0).run(Scopes.of(ADMIN)))
                    .isInstanceOfSatisfying(SearchIndexCatchingUpException.class,
                            e -> assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60)));

            feed.release();
            await().atMost(Duration.ofSeconds(10)).until(index::caughtUp);
            IndexStatus caughtUp = index.status();
            assertThat(caughtUp.behind()).isZero();
            assertThat(caughtUp.retryAfter()).isZero();
            try (var run = index.searching(SearchQuery.of("").withLimit(5), 0).run(Scopes.of(ADMIN))) {
                assertThat(run.position()).isEqualTo(120);
                assertThat(run.page(java.util.Set.of()).answer().total()).isEqualTo(120);
            }

            // Behind again later: still caught up since it opened (the store re-checks what the index lags on).
            feed.hold();
            memory.upsert("r-late", 1, generated.next(500));
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.pollsWhileHeld() > 0);
            assertThat(index.caughtUp()).isTrue();
            assertThat(index.status().behind()).isEqualTo(1);
        }
    }

    @Test
    void whenTheFeedKnowsItsStoreIsOutOfReachTheStatusSaysSoWithoutAskingTheStore() throws Exception {
        MemoryFeed memory = new MemoryFeed();
        memory.upsert("r0", 1, new Profiles(33).next(0));
        HeldFeed feed = new HeldFeed(memory);
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir), feed)) {
            await().atMost(Duration.ofSeconds(10)).until(index::caughtUp);
            assertThat(index.status().feedHead()).isEqualTo(1);

            feed.cutOff(true);
            assertThat(index.status().feedHead()).isEqualTo(-1);
            assertThat(feed.headReadsWhileCutOff()).isZero();

            feed.cutOff(false);
            assertThat(index.status().feedHead()).isEqualTo(1);
        }
    }

    @Test
    void anIndexReopenedOnAFeedThatDidNotMoveHasCaughtUpOnceItHasReadTheHead() throws Exception {
        MemoryFeed memory = new MemoryFeed();
        Profiles generated = new Profiles(32);
        for (int i = 0; i < 40; i++) {
            memory.upsert("r" + i, 1, generated.next(i));
        }
        SearchSettings settings = SearchSettings.defaults(dir);
        try (StudentSearchIndex index = StudentSearchIndex.open(settings, memory)) {
            await().atMost(Duration.ofSeconds(10)).until(index::caughtUp);
        }
        HeldFeed feed = new HeldFeed(memory);
        feed.hold();
        try (StudentSearchIndex index = StudentSearchIndex.open(settings, feed)) {
            // Nothing is polled, yet nothing is missing: the committed position is the head.
            await().atMost(Duration.ofSeconds(10)).until(index::caughtUp);
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of(""), 0).total()).isEqualTo(40);
        }
    }
}
