package edu.studentrecords.search;

import edu.studentrecords.search.internal.AccessFilter;
import edu.studentrecords.search.internal.FacetCounts;
import edu.studentrecords.search.internal.FeedConsumer;
import edu.studentrecords.search.internal.IndexFolder;
import edu.studentrecords.search.internal.NameAnalysis;
import edu.studentrecords.search.internal.ProfileDocument;
import edu.studentrecords.search.internal.ProfileSearcherFactory.ProfileSearcher;
import edu.studentrecords.search.internal.Rebuild;
import edu.studentrecords.search.internal.Reconciler;
import edu.studentrecords.search.internal.RecordFilters;
import edu.studentrecords.search.internal.TextQuery;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.feed.ChangeFeed;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.jboss.logging.Logger;

/**
 * The search index of student profiles on one node: a Lucene index in the data folder, kept up to date by a
 * thread that consumes the store's change feed (no dual writes), with a committed write searchable within
 * about a second. Every search asks {@link AccessPolicy#searchScope} first and puts the answer into the query
 * itself, so hits, totals and facet counts cover only records the caller may see; hits carry the record id and
 * profile only.
 *
 * <p>Thread-safe: one instance per node, shared by all requests; {@link #close()} when the node stops.
 */
public final class StudentSearchIndex implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StudentSearchIndex.class);

    private final SearchSettings settings;
    private final ChangeFeed feed;
    private final AccessPolicy policy;
    private final IndexFolder folder;
    private final TextQuery textQuery;
    private final FeedConsumer consumer;
    private final ScheduledExecutorService refresher;

    private StudentSearchIndex(SearchSettings settings, ChangeFeed feed, AccessPolicy policy, IndexFolder folder,
            NameAnalysis analysis) {
        this.settings = settings;
        this.feed = feed;
        this.policy = policy;
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
        return open(settings, feed, new AccessPolicy());
    }

    /** As {@link #open(SearchSettings, ChangeFeed)}, with the access policy to ask. */
    public static StudentSearchIndex open(SearchSettings settings, ChangeFeed feed, AccessPolicy policy) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(policy, "policy");
        NameAnalysis analysis = new NameAnalysis();
        IndexFolder folder;
        try {
            folder = IndexFolder.open(settings, analysis);
        } catch (IOException e) {
            throw new SearchIndexException("Cannot open the search index", e);
        }
        StudentSearchIndex index = new StudentSearchIndex(settings, feed, policy, folder, analysis);
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
     * Searches the records the caller may see.
     *
     * @param ctx   the caller; not null
     * @param query what to look for; not null
     * @return hits (id and profile only), the exact total and facet counts, all within the caller's scope
     * @throws SearchRefusedException if the caller may not search (the REST layer answers 403)
     */
    public SearchResult search(AccessContext ctx, SearchQuery query) {
        return search(scopeOf(ctx), query, 0);
    }

    /**
     * Searches within a scope the access policy gave, returning one page of hits. For the store's audited search
     * entry point ({@code StudentRecordStore.search}), which asks {@link AccessPolicy#searchScope} and records the
     * ids returned; a scope must never be made up by a caller.
     *
     * @param scope  what the caller may match, as {@link AccessPolicy#searchScope} answered; not null
     * @param query  what to look for; not null. Its {@link SearchQuery#limit()} is the page size.
     * @param offset how many of the best hits to skip, at least 0; {@code offset + limit} is capped by
     *               {@link SearchSettings#maxResults()}
     * @return the page's hits (id and profile only), the exact total and facet counts of everything matching
     */
    public SearchResult search(SearchScope.Matching scope, SearchQuery query, int offset) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(query, "query");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        Query access = AccessFilter.of(scope);
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(textQuery.of(query.text()), BooleanClause.Occur.MUST)
                .add(access, BooleanClause.Occur.FILTER);
        RecordFilters.add(q, query.units(), query.statuses());
        int window = (int) Math.min((long) offset + query.limit(), settings.maxResults());
        return withSearcher(searcher -> {
            Object[] results = searcher.search(q.build(), new MultiCollectorManager(
                    new TopScoreDocCollectorManager(window, null, Integer.MAX_VALUE), new FacetsCollectorManager()));
            TopDocs top = (TopDocs) results[0];
            FacetsCollector matching = (FacetsCollector) results[1];
            FacetCounts facets = FacetCounts.of(searcher.facetState(), matching);
            return new SearchResult(top.totalHits.value, hitsOf(searcher, top, offset), facets.units(),
                    facets.statuses());
        });
    }

    /**
     * Looks records up by the keyed hash of an encrypted field (computed by the store from the value the
     * caller typed). Only records the caller may search <em>and</em> whose {@link HashedField#groups()} the
     * caller may read are returned.
     *
     * @param ctx   the caller; not null
     * @param field which hashed field; not null
     * @param hash  the keyed hash; not null
     * @return the matching records (id and profile only); empty when none the caller may see
     * @throws SearchRefusedException if the caller may not search, or its token lacks the read scope of a
     *                                group the field needs
     */
    public List<SearchHit> findByHash(AccessContext ctx, HashedField field, String hash) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(hash, "hash");
        SearchScope.Matching scope = scopeOf(ctx);
        if (field.groups().stream().anyMatch(g -> !ctx.hasScope(g.readScope()))) {
            throw new SearchRefusedException(DenialReason.SCOPE_MISSING);
        }
        Query q = new BooleanQuery.Builder()
                .add(ProfileDocument.hashQuery(field == HashedField.RESIDENT_ID, hash), BooleanClause.Occur.MUST)
                .add(AccessFilter.of(scope), BooleanClause.Occur.FILTER)
                .build();
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(q, settings.maxResults());
            List<SearchHit> allowed = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document doc = stored.document(sd.doc);
                SearchHit hit = hitOf(doc, sd.score);
                AccessTarget target = new AccessTarget(hit.recordId(), ProfileDocument.ownerOf(doc),
                        UnitPath.parse(hit.profile().unit()));
                AccessDecision decision = policy.decide(ctx, Operation.READ, target, field.groups());
                if (decision instanceof AccessDecision.Allowed a && a.groups().containsAll(field.groups())) {
                    allowed.add(hit);
                }
            }
            return allowed;
        });
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
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(10, TimeUnit.SECONDS);
            folder.close();
        } catch (IOException e) {
            throw new SearchIndexException("Closing the search index failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SearchScope.Matching scopeOf(AccessContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        SearchScope scope = policy.searchScope(ctx);
        if (scope instanceof SearchScope.Refused refused) {
            throw new SearchRefusedException(refused.reason());
        }
        return (SearchScope.Matching) scope;
    }

    private static List<SearchHit> hitsOf(IndexSearcher searcher, TopDocs top, int offset) throws IOException {
        List<SearchHit> hits = new ArrayList<>(Math.max(0, top.scoreDocs.length - offset));
        var stored = searcher.storedFields();
        for (int i = offset; i < top.scoreDocs.length; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            hits.add(hitOf(stored.document(sd.doc), sd.score));
        }
        return hits;
    }

    private static SearchHit hitOf(Document doc, float score) {
        return new SearchHit(ProfileDocument.idOf(doc), ProfileDocument.versionOf(doc), ProfileDocument.profileOf(doc),
                score);
    }

    private void refreshQuietly() {
        try {
            folder.refresh();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Search index refresh failed (%s)", e.getClass().getSimpleName());
        }
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        ProfileSearcher searcher;
        try {
            searcher = (ProfileSearcher) folder.searchers().acquire();
        } catch (IOException e) {
            throw new SearchIndexException("Search index unavailable", e);
        }
        try {
            return work.run(searcher);
        } catch (IOException e) {
            throw new SearchIndexException("Search failed", e);
        } finally {
            try {
                folder.searchers().release(searcher);
            } catch (IOException e) {
                LOG.warnf("Releasing a searcher failed (%s)", e.getClass().getSimpleName());
            }
        }
    }

    @FunctionalInterface
    private interface SearcherWork<T> {
        T run(ProfileSearcher searcher) throws IOException;
    }
}
