package edu.studentrecords.search.internal;

import edu.studentrecords.search.SearchSettings;
import edu.studentrecords.store.feed.ChangeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TaskExecutor;
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

    /**
     * The fewest records of a rebuild's batch that are built and written on several threads; fewer go on the caller's
     * alone. Only a rebuild spreads its batches: it commits once, at its end, while the consumer's batches are made
     * visible every second, and with several threads writing, every refresh flushes a segment per thread (the first
     * catch-up of 1,000,000 records took longer and a quarter more CPU that way, measured).
     */
    static final int PARALLEL_FROM = 64;

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
     * again (changed during the rebuild) replaces its document. {@code null} when no rebuild runs; read outside the
     * lock only to choose whether a batch is spread over threads.
     */
    private volatile BytesRefHash rebuilt;
    /**
     * How many slices a large batch is cut into, one a thread: the processors, at most four. With one, no thread
     * of the folder's own runs.
     */
    private final int slices = Math.min(4, Runtime.getRuntime().availableProcessors());
    /** The threads that take the slices besides the caller's (which takes some too); null with one slice. */
    private final ExecutorService indexingThreads = slices < 2 ? null
            : Executors.newFixedThreadPool(slices - 1, task -> {
                Thread t = new Thread(task, "search-index-writer");
                t.setDaemon(true);
                return t;
            });
    private final TaskExecutor indexing = indexingThreads == null ? null : new TaskExecutor(indexingThreads);

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
        // Each record at most once from here on, so a rebuild may build and write them on several threads.
        List<ChangeEvent> records = new ArrayList<>(last.values());
        int n = records.size();
        // Built before the lock: building is the record's business alone and touches nothing shared.
        Document[] built = new Document[n];
        String[] unindexable = new String[n];
        inParallel(n, i -> {
            ChangeEvent e = records.get(i);
            if (e.kind() != ChangeEvent.Kind.REMOVE && e.profile() != null) {
                try {
                    built[i] = documents.of(e);
                } catch (UnindexableRecordException refused) {
                    unindexable[i] = refused.reasonCode();
                }
            }
        });
        boolean removed = false;
        lock.lock();
        try {
            if (polledAfter != appliedPosition) {
                return false;
            }
            // Whether a rebuild meets the record for the first time (see rebuilt): decided in order, under the lock.
            boolean[] first = new boolean[n];
            BytesRefHash met = rebuilt;
            for (int i = 0; met != null && i < n; i++) {
                first[i] = built[i] != null && met.add(ProfileDocument.idTerm(records.get(i).recordId()).bytes()) >= 0;
            }
            RuntimeException[] refused = new RuntimeException[n];
            inParallel(n, i -> {
                if (built[i] == null) {
                    return;
                }
                try {
                    if (first[i]) {
                        writer.addDocument(built[i]);
                    } else {
                        writer.updateDocument(ProfileDocument.idTerm(records.get(i).recordId()), built[i]);
                    }
                } catch (RuntimeException e) {
                    refused[i] = e;
                }
            });
            Map<ChangeEvent, String> poisoned = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                ChangeEvent e = records.get(i);
                if (unindexable[i] != null) {
                    poisoned.put(e, unindexable[i]);
                }
                if (built[i] == null || refused[i] != null) {
                    if (refused[i] != null && writerFailed(refused[i])) {
                        throw refused[i];
                    }
                    // A removal, a record quarantined, or a document the index refused: nothing of it stays in the
                    // index.
                    writer.deleteDocuments(ProfileDocument.idTerm(e.recordId()));
                    removed = true;
                    if (refused[i] != null) {
                        poisoned.put(e, UnindexableRecordException.DOCUMENT_REJECTED);
                    }
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

    /** One step of a loop over a batch's records, by index. */
    @FunctionalInterface
    private interface RecordStep {
        void run(int record) throws IOException;
    }

    /**
     * Runs {@code step} for every index below {@code n}, each exactly once: in slices on the indexing threads when a
     * rebuild runs and there are many, and returns once all have run. The first failure is thrown, the others added
     * to it, and slices not yet started are dropped (the batch's position then stays where it was: the batch is
     * retried, or the rebuild abandoned).
     */
    private void inParallel(int n, RecordStep step) throws IOException {
        if (indexing == null || rebuilt == null || n < PARALLEL_FROM) {
            for (int i = 0; i < n; i++) {
                step.run(i);
            }
            return;
        }
        List<Callable<Void>> tasks = new ArrayList<>(slices);
        for (int slice = 0; slice < slices; slice++) {
            int from = (int) ((long) n * slice / slices);
            int to = (int) ((long) n * (slice + 1) / slices);
            tasks.add(() -> {
                for (int i = from; i < to; i++) {
                    step.run(i);
                }
                return null;
            });
        }
        indexing.invokeAll(tasks);
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
            if (indexingThreads != null) {
                indexingThreads.shutdown();
            }
            lock.unlock();
        }
    }
}
