package edu.studentrecords.search.internal;

import edu.studentrecords.search.SearchSettings;
import edu.studentrecords.store.feed.ChangeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRefHash;
import org.jboss.logging.Logger;

/**
 * The one index writer of the index folder and the searchers over it. Every change goes through here under
 * one lock; the feed position of the applied changes is committed with them in the commit's user data, so
 * after a crash the index resumes exactly from its last commit and replays the rest (applying an event twice
 * is harmless).
 *
 * <p>Thread-safe.
 */
public final class IndexFolder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IndexFolder.class);

    /** The commit user data key of the feed position. */
    static final String POSITION = "feed.position";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ProfileDocument documents;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long appliedPosition;
    private volatile long committedPosition;
    private volatile long visiblePosition;
    private volatile boolean refreshPaused;
    private final AtomicLong quarantined = new AtomicLong();
    /**
     * During a rebuild, the records that have a document in the rebuilt index (under the lock): a record's first
     * document is added without looking for an older one, which {@code deleteAll} already dropped; only a record met
     * again (changed during the rebuild) replaces its document. {@code null} when no rebuild runs.
     */
    private BytesRefHash rebuilt;

    private IndexFolder(Directory directory, IndexWriter writer, SearcherManager searchers, ProfileDocument documents,
            long position) {
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.documents = documents;
        this.appliedPosition = position;
        this.committedPosition = position;
        this.visiblePosition = position;
    }

    /** Opens (or creates) the index in the settings' folder. */
    public static IndexFolder open(SearchSettings settings, NameAnalysis analysis) throws IOException {
        Files.createDirectories(settings.indexDirectory());
        Directory directory = FSDirectory.open(settings.indexDirectory());
        TieredMergePolicy merges = new TieredMergePolicy();
        // A purge must reach every segment holding a deleted document, however few it deletes.
        merges.setForceMergeDeletesPctAllowed(0.0);
        IndexWriterConfig config = new IndexWriterConfig(analysis.indexAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(settings.ramBufferMb())
                .setMergePolicy(merges)
                .setCommitOnClose(false);
        IndexWriter writer = new IndexWriter(directory, config);
        long position = 0;
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (POSITION.equals(e.getKey())) {
                    position = Long.parseLong(e.getValue());
                }
            }
        }
        var facets = ProfileDocument.facetsConfig();
        SearcherManager searchers = new SearcherManager(writer, new ProfileSearcherFactory());
        return new IndexFolder(directory, writer, searchers, new ProfileDocument(facets), position);
    }

    /** The searchers; acquire and release in try/finally. */
    public SearcherManager searchers() {
        return searchers;
    }

    /** The feed position up to which events are applied (not necessarily committed or visible). */
    public long appliedPosition() {
        return appliedPosition;
    }

    /** The feed position stored in the last commit. */
    public long committedPosition() {
        return committedPosition;
    }

    /** The feed position up to which events are visible to searches. */
    public long visiblePosition() {
        return visiblePosition;
    }

    /** The lock every change takes; held by a rebuild for its whole length. */
    ReentrantLock lock() {
        return lock;
    }

    /**
     * Applies a batch of feed events in order and moves the applied position to {@code nextAfter}. Only the
     * last event of each record counts (events carry the record's state when read, so it is the newest).
     * A batch polled from a position the index has meanwhile left (a rebuild ran in between) is dropped: its
     * events were read before the rebuild's and could carry older states.
     *
     * <p>An event whose record cannot be made into a document, or whose document the index refuses, is the entry's
     * own fault: the record's document is deleted (no earlier version of it stays searchable, under its old unit or
     * otherwise), the entry is recorded in {@code quarantine}, and the rest of the batch is applied. Only once every
     * such entry is recorded does the position move past them. A failure that is not the entry's (an I/O failure of
     * the index folder, an index writer that has failed, the quarantine not recorded) is thrown, and the position
     * stays where it was, so the batch is retried.
     *
     * @param polledAfter the position the batch was polled after
     * @param quarantine  where entries that cannot be taken are recorded
     * @return whether the batch removed a document (a removal, or a record quarantined): the caller then refreshes
     *     at once
     */
    public boolean apply(long polledAfter, List<ChangeEvent> events, long nextAfter, Quarantine quarantine)
            throws IOException {
        Map<String, ChangeEvent> last = new LinkedHashMap<>();
        for (ChangeEvent e : events) {
            last.remove(e.recordId());
            last.put(e.recordId(), e);
        }
        // Built before the lock: building is the record's business alone and touches nothing shared.
        Map<String, Document> built = new HashMap<>();
        Map<ChangeEvent, String> poisoned = new LinkedHashMap<>();
        for (ChangeEvent e : last.values()) {
            if (e.kind() != ChangeEvent.Kind.REMOVE && e.profile() != null) {
                try {
                    built.put(e.recordId(), documents.of(e));
                } catch (UnindexableRecordException unindexable) {
                    poisoned.put(e, unindexable.reasonCode());
                }
            }
        }
        boolean removed = false;
        lock.lock();
        try {
            if (polledAfter != appliedPosition) {
                return false;
            }
            for (ChangeEvent e : last.values()) {
                Term id = ProfileDocument.idTerm(e.recordId());
                Document doc = built.get(e.recordId());
                if (doc == null) {
                    // A removal, or a record quarantined: either way nothing of it stays in the index.
                    writer.deleteDocuments(id);
                    removed = true;
                    continue;
                }
                try {
                    if (rebuilt != null && rebuilt.add(id.bytes()) >= 0) {
                        writer.addDocument(doc);
                    } else {
                        writer.updateDocument(id, doc);
                    }
                } catch (RuntimeException refused) {
                    if (writerFailed(refused)) {
                        throw refused;
                    }
                    writer.deleteDocuments(id);
                    poisoned.put(e, UnindexableRecordException.DOCUMENT_REJECTED);
                    removed = true;
                }
            }
            for (Map.Entry<ChangeEvent, String> p : poisoned.entrySet()) {
                quarantine.record(p.getKey(), p.getValue());
                quarantined.incrementAndGet();
                LOG.warnf("Search index: feed entry %d quarantined (%s); its record is kept out of the index",
                        p.getKey().sequence(), p.getValue());
            }
            if (!refreshPaused && last.values().stream().anyMatch(e -> e.kind() == ChangeEvent.Kind.REMOVE)) {
                // A destroyed record leaves this node's files before its removal can be made visible: whoever waits
                // for the removal, on any node, finds no trace of it in the files either.
                mergeAwayDeletesLocked();
            }
            appliedPosition = nextAfter;
        } finally {
            lock.unlock();
        }
        return removed;
    }

    /** Whether an exception of the writer means the index itself has failed (not the document). */
    private boolean writerFailed(RuntimeException e) {
        return e instanceof AlreadyClosedException || !writer.isOpen() || writer.getTragicException() != null;
    }

    /** How many feed entries this folder has quarantined since it was opened. */
    public long quarantinedSinceOpen() {
        return quarantined.get();
    }

    /** Commits the applied changes with the applied position, when anything changed since the last commit. */
    public void commit() throws IOException {
        lock.lock();
        try {
            if (!writer.hasUncommittedChanges() && committedPosition == appliedPosition) {
                return;
            }
            long position = appliedPosition;
            writer.setLiveCommitData(Map.of(POSITION, Long.toString(position)).entrySet());
            writer.commit();
            committedPosition = position;
        } finally {
            lock.unlock();
        }
    }

    /** Reopens the searchers if anything changed (waits for a reopen in progress). Skipped while paused. */
    public void refresh() throws IOException {
        if (refreshPaused) {
            return;
        }
        long position = appliedPosition;
        searchers.maybeRefreshBlocking();
        visiblePosition = Math.max(visiblePosition, position);
    }

    /**
     * Deletes one record's document, makes the deletion visible, merges away every segment holding a deleted
     * document and commits, so that no file of the index holds the record's terms or stored fields any more.
     */
    public void purge(String recordId) throws IOException {
        lock.lock();
        try {
            writer.deleteDocuments(ProfileDocument.idTerm(recordId));
            mergeAwayDeletesLocked();
        } finally {
            lock.unlock();
        }
    }

    private void mergeAwayDeletesLocked() throws IOException {
        searchers.maybeRefreshBlocking();
        writer.forceMergeDeletes(true);
        long position = appliedPosition;
        writer.setLiveCommitData(Map.of(POSITION, Long.toString(position)).entrySet());
        writer.commit();
        committedPosition = position;
        // The reopened searcher releases the merged-away segments; then their files can go.
        searchers.maybeRefreshBlocking();
        writer.deleteUnusedFiles();
    }

    /** Starts a rebuild: everything is dropped (not yet visible) and the position goes back to the start. */
    void startRebuild() throws IOException {
        refreshPaused = true;
        writer.deleteAll();
        rebuilt = new BytesRefHash();
        appliedPosition = 0;
    }

    /** Ends a rebuild: commits and makes the rebuilt index visible at once. */
    void finishRebuild() throws IOException {
        rebuilt = null;
        writer.setLiveCommitData(Map.of(POSITION, Long.toString(appliedPosition)).entrySet());
        writer.commit();
        committedPosition = appliedPosition;
        refreshPaused = false;
        visiblePosition = 0;
        refresh();
    }

    /** Abandons a failed rebuild: the index goes back to its last commit. */
    void abandonRebuild() {
        rebuilt = null;
        refreshPaused = false;
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            searchers.close();
            if (writer.isOpen()) {
                commit();
                writer.close();
            }
            directory.close();
        } finally {
            lock.unlock();
        }
    }
}
