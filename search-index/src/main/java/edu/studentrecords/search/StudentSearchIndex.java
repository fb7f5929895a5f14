package edu.studentrecords.search;

import edu.studentrecords.search.internal.FeedConsumer;
import edu.studentrecords.search.internal.IndexFolder;
import edu.studentrecords.search.internal.NameAnalysis;
import edu.studentrecords.search.internal.ProfileSearcherFactory.ProfileSearcher;
import edu.studentrecords.search.internal.Rebuild;
import edu.studentrecords.search.internal.Reconciler;
import edu.studentrecords.search.internal.ScopedSearch;
import edu.studentrecords.search.internal.TextQuery;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.feed.IndexSearch;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The search index of student profiles on one node: a Lucene index in the data folder, kept up to date by a
 * thread that consumes the store's change feed (no dual writes), with a committed write searchable within
 * about a second. Every search takes the scope the store's gate decided and puts it into the query
 * itself, so hits, totals and facet counts cover only records the caller may see; hits carry the record id and
 * profile only.
 *
 * <p>Searches go through the store: {@code records.search(ctx, index.searching(query, offset))}. The store's gate
 * re-checks every record the index may hold otherwise than the store (those changed after the index's position) and
 * every hit it returns, so nothing the caller may no longer read is returned or counted while the index lags.
 *
 * <p>Open the index when the node starts: it catches up with the feed in the background, and until it has
 * ({@link #caughtUp()}) searches are refused with {@link SearchIndexCatchingUpException} rather than answered from an
 * incomplete index. {@link #status()} tells a readiness check how far it is.
 *
 * <p>A feed entry the index cannot take (its record cannot be made into a document) is quarantined in the store
 * ({@code ChangeFeed.quarantine}), the record is kept out of the index (no earlier version of it either), and
 * indexing goes on; other failures are retried from the same position.
 *
 * <p>Thread-safe: one instance per node, shared by all requests; {@link #close()} when the node stops.
 */
public final class StudentSearchIndex implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StudentSearchIndex.class);
    /** The wait suggested while catching up when the pace is not known. */
    private static final Duration UNKNOWN_RETRY_AFTER = Duration.ofSeconds(5);
    /** The longest wait suggested while catching up. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final SearchSettings settings;
    private final ChangeFeed feed;
    private final IndexFolder folder;
    private final TextQuery textQuery;
    private final FeedConsumer consumer;
    private final ScheduledExecutorService refresher;
    private volatile boolean caughtUp;

    private StudentSearchIndex(SearchSettings settings, ChangeFeed feed, IndexFolder folder,
            NameAnalysis analysis) {
        this.settings = settings;
        this.feed = feed;
        this.folder = folder;
        this.textQuery = new TextQuery(analysis);
        this.consumer = new FeedConsumer(feed, folder, settings);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "student-index-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the index in the settings' data folder (creating it if needed), and starts consuming the feed
     * from the position of the index's last commit.
     *
     * @param settings how to run; not null
     * @param feed     the store's change feed ({@code StudentRecordStore.changes()}); not null
     * @throws SearchIndexException if the index folder cannot be opened
     */
    public static StudentSearchIndex open(SearchSettings settings, ChangeFeed feed) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(feed, "feed");
        NameAnalysis analysis = new NameAnalysis();
        IndexFolder folder;
        try {
            folder = IndexFolder.open(settings, analysis);
        } catch (IOException e) {
            throw new SearchIndexException("Cannot open the search index", e);
        }
        StudentSearchIndex index = new StudentSearchIndex(settings, feed, folder, analysis);
        index.start();
        return index;
    }

    private void start() {
        long period = settings.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
        consumer.start();
        LOG.infof("Search index opened at feed position %d", folder.committedPosition());
    }

    /**
     * The search of one page for the store's gate: {@code records.search(ctx, index.searching(query, offset))}. The
     * gate decides the caller's scope, runs the search within it, re-checks what the index may hold otherwise than
     * the store, and audits the ids returned.
     *
     * <p>A run searches the index as it is when the run starts, until the gate closes it. It is refused with
     * {@link SearchIndexCatchingUpException} until the index has {@linkplain #caughtUp() caught up} since it opened.
     *
     * @param query  what to look for; not null. Its {@link SearchQuery#limit()} is the page size.
     * @param offset how many of the best hits to skip, at least 0; {@code offset + limit} is capped by
     *               {@link SearchSettings#maxResults()}
     * @return the search, for {@code Records.search}
     */
    public IndexSearch<SearchResult> searching(SearchQuery query, int offset) {
        Objects.requireNonNull(query, "query");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        return scope -> {
            Objects.requireNonNull(scope, "scope");
            if (!caughtUp()) {
                throw new SearchIndexCatchingUpException(retryAfter());
            }
            // Read before the searcher is taken: the searcher then holds at least everything up to it.
            long position = folder.visiblePosition();
            return new Run(position, acquire(), scoped(scope, query, offset));
        };
    }

    /**
     * Searches within a scope on the index alone, as it is now: no re-check against the store, no refusal while the
     * index catches up. For this module's tests and benchmark; the product searches through {@link #searching}.
     */
    SearchResult search(SearchScope.Matching scope, SearchQuery query, int offset) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(query, "query");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        ScopedSearch search = scoped(scope, query, offset);
        return withSearcher(searcher -> search.page(searcher, Set.of()));
    }

    /**
     * Whether the index has caught up with the feed since it opened: it has made searchable every entry up to the
     * feed's head as the index's feed consumer first read it after opening. Once true it stays true while the index
     * is open (a later lag is covered by the store's re-check of each search). False while the store has not been
     * reached. Reads nothing: cheap enough for every request.
     */
    public boolean caughtUp() {
        if (!caughtUp) {
            long target = consumer.catchUpTarget();
            if (target >= 0 && folder.visiblePosition() >= target) {
                caughtUp = true;
                LOG.infof("Search index caught up at feed position %d", folder.visiblePosition());
            }
        }
        return caughtUp;
    }

    /**
     * How long a search refused while the index catches up should wait before trying again: zero once caught up;
     * otherwise the time the remaining entries take at the pace so far, between 1 and 60 seconds, or 5 seconds when
     * the pace is not known (nothing applied yet, or the store failing). Reads nothing.
     */
    public Duration retryAfter() {
        if (caughtUp()) {
            return Duration.ZERO;
        }
        long target = consumer.catchUpTarget();
        double pace = consumer.positionsPerSecond();
        if (target < 0 || pace <= 0 || consumer.consecutiveFailures() > 0) {
            return UNKNOWN_RETRY_AFTER;
        }
        double seconds = Math.ceil((target - folder.visiblePosition()) / pace);
        return Duration.ofSeconds((long) Math.max(1, Math.min(MAX_RETRY_AFTER.toSeconds(), seconds)));
    }

    /**
     * How far the index is with the feed, for a readiness check. Reads the feed's head from the store (a few key
     * look-ups); when the store cannot be reached, {@link IndexStatus#feedHead()} is -1 and nothing is thrown. When
     * the feed already knows that its store is out of reach, nothing is read and the answer comes at once.
     */
    public IndexStatus status() {
        long head;
        try {
            head = feed.unreachable() ? -1 : feed.head();
        } catch (RuntimeException e) {
            LOG.debugf("Search index status: the feed's head could not be read (%s)", e.getClass().getSimpleName());
            head = -1;
        }
        return new IndexStatus(caughtUp(), folder.visiblePosition(), consumer.catchUpTarget(), head,
                consumer.consecutiveFailures(), folder.quarantinedSinceOpen(), retryAfter());
    }

    /**
     * Compares the searchable index with the store's records.
     *
     * @param storeVersions every record the store holds, id to version; not null
     * @return what differs; {@link Drift#isEmpty()} when the index holds exactly those records at those versions
     */
    public Drift reconcile(Map<String, Long> storeVersions) {
        Objects.requireNonNull(storeVersions, "storeVersions");
        return withSearcher(searcher -> Reconciler.compare(searcher, storeVersions));
    }

    /**
     * Compares the searchable index with the records the feed reports (replaying it from the beginning), for
     * a store that cannot list its records cheaply. The feed must be caught up for the answer to mean anything.
     */
    public Drift reconcileWithFeed() {
        Map<String, Long> versions = new HashMap<>();
        long after = 0;
        while (true) {
            ChangeBatch batch = feed.poll(after, settings.batchSize());
            for (ChangeEvent e : batch.events()) {
                if (e.kind() == ChangeEvent.Kind.REMOVE) {
                    versions.remove(e.recordId());
                } else {
                    versions.put(e.recordId(), e.version());
                }
            }
            after = batch.nextAfter();
            if (batch.caughtUp() && batch.events().isEmpty()) {
                break;
            }
        }
        return reconcile(versions);
    }

    /**
     * Removes a destroyed record from the index and from the index files: deletes its document, makes that
     * visible, merges away the segments holding it and commits. The destruction path calls it after the store
     * destroyed the record (the feed's removal event deletes the document too, but does not rewrite files).
     *
     * @param recordId the destroyed record; not null
     */
    public void purge(String recordId) {
        Objects.requireNonNull(recordId, "recordId");
        try {
            folder.purge(recordId);
        } catch (IOException e) {
            throw new SearchIndexException("Purge failed", e);
        }
    }

    /**
     * Rebuilds the index from the store's feed. Searches see the old contents until the rebuilt index
     * replaces them at once; the feed consumer waits meanwhile.
     *
     * @return the number of feed events applied
     */
    public long rebuild() {
        try {
            long applied = Rebuild.run(feed, folder, settings.batchSize());
            LOG.infof("Search index rebuilt from %d feed events", applied);
            return applied;
        } catch (IOException e) {
            throw new SearchIndexException("Rebuild failed", e);
        }
    }

    /** The feed position up to which changes are searchable. */
    public long searchablePosition() {
        return folder.visiblePosition();
    }

    /**
     * Waits until every feed event up to {@code position} is searchable.
     *
     * @return whether it became searchable within {@code timeout}
     */
    public boolean awaitSearchable(long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (folder.visiblePosition() < position) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Stops consuming the feed, commits what was applied and closes the index. */
    @Override
    public void close() {
        consumer.stop();
        // Not interrupted: a refresh in progress finishes (an interrupt during file I/O closes the index's files).
        refresher.shutdown();
        try {
            refresher.awaitTermination(10, TimeUnit.SECONDS);
            folder.close();
        } catch (IOException e) {
            throw new SearchIndexException("Closing the search index failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refreshQuietly() {
        try {
            folder.refresh();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Search index refresh failed (%s)", e.getClass().getSimpleName());
        }
    }

    private ScopedSearch scoped(SearchScope.Matching scope, SearchQuery query, int offset) {
        int window = (int) Math.min((long) offset + query.limit(), settings.maxResults());
        return new ScopedSearch(textQuery.of(query.text()), scope, query.units(), query.statuses(), window, offset);
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        ProfileSearcher searcher = acquire();
        try {
            return work.run(searcher);
        } catch (IOException e) {
            throw new SearchIndexException("Search failed", e);
        } finally {
            release(searcher);
        }
    }

    private ProfileSearcher acquire() {
        try {
            return (ProfileSearcher) folder.searchers().acquire();
        } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
            throw new SearchIndexException("Search index unavailable", e);
        }
    }

    private void release(ProfileSearcher searcher) {
        try {
            folder.searchers().release(searcher);
        } catch (IOException e) {
            LOG.warnf("Releasing a searcher failed (%s)", e.getClass().getSimpleName());
        }
    }

    /** One search of the store's gate on one searcher, released when the gate closes the run. */
    private final class Run implements IndexSearch.Run<SearchResult> {

        private final long position;
        private final ProfileSearcher searcher;
        private final ScopedSearch search;
        private boolean closed;

        Run(long position, ProfileSearcher searcher, ScopedSearch search) {
            this.position = position;
            this.searcher = searcher;
            this.search = search;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public Set<String> counted(Set<String> recordIds) {
            Objects.requireNonNull(recordIds, "recordIds");
            try {
                return search.matching(searcher, recordIds);
            } catch (IOException e) {
                throw new SearchIndexException("Search failed", e);
            }
        }

        @Override
        public IndexSearch.Page<SearchResult> page(Set<String> excluded) {
            Objects.requireNonNull(excluded, "excluded");
            try {
                SearchResult result = search.page(searcher, excluded);
                return new IndexSearch.Page<>(result.hits().stream().map(SearchHit::recordId).toList(), result);
            } catch (IOException e) {
                throw new SearchIndexException("Search failed", e);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(searcher);
            }
        }
    }

    @FunctionalInterface
    private interface SearcherWork<T> {
        T run(ProfileSearcher searcher) throws IOException;
    }
}
