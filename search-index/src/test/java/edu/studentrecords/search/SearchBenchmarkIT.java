package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.search.internal.AccessFilter;
import edu.studentrecords.search.internal.NameAnalysis;
import edu.studentrecords.search.internal.ProfileDocument;
import edu.studentrecords.search.internal.RecordFilters;
import edu.studentrecords.search.internal.TextQuery;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.testing.Principals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuild throughput against raw Lucene indexing of the same documents, and query latency through the search
 * API against a raw {@link IndexSearcher} running the same Lucene queries, on generated students. Enabled with
 * {@code -Dbenchmark=true}; the count is {@code -Dbenchmark.students} (default 1,000,000). Writes
 * {@code benchmarks/search.md}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SearchBenchmarkIT {

    private static final int QUERIES = 2_000;
    private static final int LIMIT = 20;
    /** The search API's most labels a facet dimension (FacetCounts). */
    private static final int MAX_FACET_LABELS = 1_000;
    /** The index field of both facet dimensions ({@link ProfileDocument#facetsConfig()}). */
    private static final String FACET_FIELD = "facets";

    @TempDir
    Path dir;

    @Test
    void rebuildAndQueryAgainstRawLucene() throws Exception {
        int n = Integer.getInteger("benchmark.students", 1_000_000);
        MemoryFeed feed = new MemoryFeed();
        Profiles profiles = new Profiles(2024);
        List<ChangeEvent> events = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            events.add(new ChangeEvent(i, "r" + i, ChangeEvent.Kind.UPSERT, 1, profiles.next(i), null,
                    Long.toHexString(i * 0x9E3779B97F4A7C15L), List.of(Long.toHexString(i * 31L))));
        }
        feed.addAll(events);

        // Warm-up, not measured: the JIT compiles analysis and indexing before either side is timed.
        NameAnalysis analysis = new NameAnalysis();
        ProfileDocument documents = new ProfileDocument(ProfileDocument.facetsConfig());
        try (FSDirectory d = FSDirectory.open(Files.createDirectories(dir.resolve("warm-up")));
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(analysis.indexAnalyzer()))) {
            for (ChangeEvent e : events.subList(0, Math.min(n, 50_000))) {
                w.updateDocument(ProfileDocument.idTerm(e.recordId()), documents.of(e));
            }
            w.commit();
        }

        SearchSettings settings = SearchSettings.defaults(dir.resolve("ours"));
        try (StudentSearchIndex index = StudentSearchIndex.open(settings, feed)) {
            Timed catchUp = Timed.of(() -> assertThat(index.awaitSearchable(n, Duration.ofHours(2))).isTrue());
            // Raw indexing and the rebuild take turns, the side that goes first alternating by round, so that neither
            // always meets a colder or a busier machine.
            int rounds = Integer.getInteger("benchmark.rounds", 3);
            List<Timed> raws = new ArrayList<>();
            List<Timed> rebuilds = new ArrayList<>();
            Path rawDir = dir.resolve("raw");
            for (int round = 0; round < rounds; round++) {
                if (round % 2 == 0) {
                    raws.add(Timed.of(() -> rawIndex(rawDir, analysis, documents, events)));
                    rebuilds.add(Timed.of(index::rebuild));
                } else {
                    rebuilds.add(Timed.of(index::rebuild));
                    raws.add(Timed.of(() -> rawIndex(rawDir, analysis, documents, events)));
                }
            }
            try (DirectoryReader rawReader = DirectoryReader.open(FSDirectory.open(rawDir))) {
                IndexSearcher raw = new IndexSearcher(rawReader);
                Latencies latencies = measureQueries(index, raw, analysis);
                write(n, catchUp, raws, rebuilds, latencies);
            }
        }
    }

    /** Raw Lucene: the same documents, the same analyzer, {@code addDocument} and one commit, into an empty folder. */
    private static void rawIndex(Path rawDir, NameAnalysis analysis, ProfileDocument documents, List<ChangeEvent> events)
            throws Exception {
        try (FSDirectory d = FSDirectory.open(Files.createDirectories(rawDir));
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(analysis.indexAnalyzer())
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(64))) {
            for (ChangeEvent e : events) {
                w.addDocument(documents.of(e));
            }
            w.commit();
        }
    }

    /** The wall time of one step and the CPU time the whole process spent in it (background merges included). */
    private record Timed(long nanos, long cpuNanos) {

        interface Step {
            void run() throws Exception;
        }

        static Timed of(Step step) throws Exception {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            step.run();
            return new Timed(System.nanoTime() - t0, os.getProcessCpuTime() - cpu0);
        }
    }

    /**
     * {@code raw}: top {@value #LIMIT} as Lucene finds them (it may stop counting early); {@code rawExact}: Lucene's own
     * facet module doing what the search API does, the same top hits with an exact total and the unit and status counts
     * of every match ({@code FacetsCollectorManager}, {@code SortedSetDocValuesFacetCounts}) in one pass.
     */
    private record Latencies(Histogram ours, Histogram raw, Histogram rawExact, Histogram oursAdmin, Histogram rawAdmin,
            Histogram rawExactAdmin) {
    }

    private static Latencies measureQueries(StudentSearchIndex index, IndexSearcher raw, NameAnalysis analysis)
            throws Exception {
        AccessContext admin = Principals.admin("registrar-1");
        AccessContext staff = Principals.staff("teacher-1", Set.of("student.search", FieldGroup.PROFILE.readScope()),
                "science/physics/2024-1");
        List<SearchQuery> queries = mixedQueries();
        TextQuery text = new TextQuery(analysis);
        AccessPolicy policy = new AccessPolicy();
        Latencies l = new Latencies(histogram(), histogram(), histogram(), histogram(), histogram(), histogram());
        // Made once per reader, as the search API keeps its facet values per segment.
        SortedSetDocValuesReaderState facetState = new DefaultSortedSetDocValuesReaderState(raw.getIndexReader(),
                FACET_FIELD, ProfileDocument.facetsConfig());
        for (int round = 0; round < 2; round++) { // the first round warms up and is not recorded
            for (SearchQuery q : queries) {
                for (AccessContext ctx : List.of(staff, admin)) {
                    long t0 = System.nanoTime();
                    index.search(Scopes.of(ctx), q, 0);
                    long ours = System.nanoTime() - t0;
                    Query lucene = rawQuery(text, (SearchScope.Matching) policy.searchScope(ctx), q);
                    t0 = System.nanoTime();
                    readHits(raw, raw.search(lucene, LIMIT));
                    long rawNanos = System.nanoTime() - t0;
                    t0 = System.nanoTime();
                    Object[] both = raw.search(lucene, new MultiCollectorManager(
                            new TopScoreDocCollectorManager(LIMIT, null, Integer.MAX_VALUE), new FacetsCollectorManager()));
                    Facets counts = new SortedSetDocValuesFacetCounts(facetState, (FacetsCollector) both[1]);
                    counts.getTopChildren(MAX_FACET_LABELS, "unit");
                    counts.getTopChildren(MAX_FACET_LABELS, "status");
                    readHits(raw, (TopDocs) both[0]);
                    long rawExactNanos = System.nanoTime() - t0;
                    if (round == 1) {
                        (ctx == staff ? l.ours() : l.oursAdmin()).recordValue(ours / 1_000);
                        (ctx == staff ? l.raw() : l.rawAdmin()).recordValue(rawNanos / 1_000);
                        (ctx == staff ? l.rawExact() : l.rawExactAdmin()).recordValue(rawExactNanos / 1_000);
                    }
                }
            }
        }
        return l;
    }

    /** The stored fields of the hits, as the search API reads the profiles of its hits. */
    private static void readHits(IndexSearcher searcher, TopDocs top) throws IOException {
        var stored = searcher.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
            Document d = stored.document(sd.doc);
            d.get("p_name");
        }
    }

    private static Query rawQuery(TextQuery text, SearchScope.Matching scope, SearchQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(text.of(q.text()), BooleanClause.Occur.MUST)
                .add(AccessFilter.of(scope), BooleanClause.Occur.FILTER);
        RecordFilters.add(b, q.units(), q.statuses());
        return b.build();
    }

    /** Names by characters and pinyin (spaced, joined), student number prefixes, short prefixes, filters. */
    private static List<SearchQuery> mixedQueries() {
        Random random = new Random(99);
        Profiles names = new Profiles(7);
        List<SearchQuery> queries = new ArrayList<>();
        String[] pinyin = {"zhang wei", "wangfang", "li na", "liuyang", "chenjing", "zh", "wa", "huang"};
        for (int i = 0; i < QUERIES; i++) {
            SearchQuery q = switch (i % 6) {
                case 0, 1 -> SearchQuery.of(names.name());
                case 2 -> SearchQuery.of(pinyin[random.nextInt(pinyin.length)]);
                case 3 -> SearchQuery.of(String.format(Locale.ROOT, "G%06d", random.nextInt(1_000)));
                case 4 -> SearchQuery.of(names.name()).withStatuses(EnrolmentStatus.ENROLLED);
                default -> SearchQuery.of(pinyin[random.nextInt(pinyin.length)]).inUnits(UnitPath.parse("science"));
            };
            queries.add(q.withLimit(LIMIT));
        }
        return queries;
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    }

    private static void write(int n, Timed catchUp, List<Timed> raws, List<Timed> rebuilds, Latencies l)
            throws Exception {
        StringBuilder rounds = new StringBuilder();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < raws.size(); i++) {
            Timed raw = raws.get(i);
            Timed rebuild = rebuilds.get(i);
            double ratio = (double) raw.nanos() / rebuild.nanos();
            ratios.add(ratio);
            rounds.append(String.format(Locale.ROOT, "| %d | %s | %.1f s | %.1f s | %,.0f | %,.0f | %.2fx | %.1f s | %.1f s |%n",
                    i + 1, i % 2 == 0 ? "raw, then rebuild" : "rebuild, then raw", raw.nanos() / 1e9,
                    rebuild.nanos() / 1e9, n / (raw.nanos() / 1e9), n / (rebuild.nanos() / 1e9), ratio,
                    raw.cpuNanos() / 1e9, rebuild.cpuNanos() / 1e9));
        }
        double rebuildRatio = median(ratios);
        double rawMedian = median(raws.stream().map(t -> t.nanos() / 1e9).toList());
        String md = """
                # Search index benchmark

                Command: `mvn -o -pl search-index -am verify -Dbenchmark=true -Dbenchmark.students=%d -Dbenchmark.rounds=%d -Dit.test=SearchBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false`

                Machine: %d cores, Java %s, Lucene 9.12.3, index on local disk.
                Before timing, 50,000 documents are indexed once into a scratch index to warm the JIT up.
                Data: %,d generated profile-only change events (made-up names from a small pool of surnames and
                given names, 6 units, 5 statuses), held in memory; no store.

                ## Indexing

                First catch-up of an empty index from the feed (consumer thread, batches, commits every second): %.1f s,
                %,.0f documents/s, %.1f s of the process's CPU.

                Raw Lucene (`addDocument` of the same documents, same analyzer, 64 MB buffer, one thread, one commit, into
                an empty folder) and `rebuild()` of the full index from the feed (`deleteAll`, then `addDocument` for a
                record's first document and `updateDocument` by id for a record met again, each batch's documents built and
                written on one thread a processor, up to four; one commit) take turns, the side that goes first alternating
                by round. CPU is the whole process's during the step (background merges included).

                | Round | Order | Raw | Rebuild | Raw documents/s | Rebuild documents/s | Rebuild vs raw | Raw CPU | Rebuild CPU |
                |---|---|---|---|---|---|---|---|---|
                %s
                Goal: rebuild at least 1.0x raw: **%s** (median of the rounds' ratios %.2fx; raw's median time %.1f s).

                ## Queries

                %,d mixed queries (names in characters, pinyin with and without spaces, short pinyin prefixes,
                student number prefixes, with and without status and unit filters), top %d, each run once warm.
                "Search API" is `StudentSearchIndex.search` (access scope in the query, exact total, facet counts on
                unit and status, stored profiles of the hits). "Raw" is `IndexSearcher.search(query, %d)` on an index
                of the same documents with the same Lucene query (access filter included) and the stored fields of
                the hits, without exact totals or facets: Lucene may stop counting once it has its best %d. "Raw, exact"
                is Lucene's own facet module doing what the search API does: the same query, the best %d with an exact
                total and the unit and status counts of every match in one pass (`MultiCollectorManager` of
                `TopScoreDocCollectorManager` with no early stop and `FacetsCollectorManager`, then
                `SortedSetDocValuesFacetCounts` over a reader state made once), and the stored fields of the hits. Each
                query runs on all three, one after the other.

                | Caller | Search API p50 | p99 | Raw p50 | p99 | p99 ratio | Raw, exact p50 | p99 | p99 ratio to raw, exact |
                |---|---|---|---|---|---|---|---|---|
                | Staff of one class (scoped) | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2fx | %.2f ms | %.2f ms | %.2fx |
                | Administrator (all units) | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2fx | %.2f ms | %.2f ms | %.2fx |

                Goals: scoped p99 under 20 ms: **%s**; scoped p99 at most 1.5x raw: **%s** (%.2fx); administrator p99 at most 1.5x raw: **%s** (%.2fx).
                Against raw Lucene doing the same work (exact totals and facets), the p99 ratios are %.2fx (staff) and %.2fx (administrator).
                """.formatted(n, raws.size(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), n,
                catchUp.nanos() / 1e9, n / (catchUp.nanos() / 1e9), catchUp.cpuNanos() / 1e9,
                rounds, rebuildRatio >= 1.0 ? "met" : "not met", rebuildRatio, rawMedian,
                QUERIES, LIMIT, LIMIT, LIMIT, LIMIT,
                ms(l.ours(), 50), ms(l.ours(), 99), ms(l.raw(), 50), ms(l.raw(), 99), ms(l.ours(), 99) / ms(l.raw(), 99),
                ms(l.rawExact(), 50), ms(l.rawExact(), 99), ms(l.ours(), 99) / ms(l.rawExact(), 99),
                ms(l.oursAdmin(), 50), ms(l.oursAdmin(), 99), ms(l.rawAdmin(), 50), ms(l.rawAdmin(), 99),
                ms(l.oursAdmin(), 99) / ms(l.rawAdmin(), 99),
                ms(l.rawExactAdmin(), 50), ms(l.rawExactAdmin(), 99), ms(l.oursAdmin(), 99) / ms(l.rawExactAdmin(), 99),
                ms(l.ours(), 99) < 20 ? "met" : "not met", ms(l.ours(), 99) <= 1.5 * ms(l.raw(), 99) ? "met" : "not met",
                ms(l.ours(), 99) / ms(l.raw(), 99),
                ms(l.oursAdmin(), 99) <= 1.5 * ms(l.rawAdmin(), 99) ? "met" : "not met",
                ms(l.oursAdmin(), 99) / ms(l.rawAdmin(), 99),
                ms(l.ours(), 99) / ms(l.rawExact(), 99), ms(l.oursAdmin(), 99) / ms(l.rawExactAdmin(), 99));
        Path out = Path.of(System.getProperty("benchmark.results", "benchmarks/search.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
