package edu.studentrecords.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.internal.audit.AuditCollectionNames;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import edu.studentrecords.store.testing.InProcessMongo;
import edu.studentrecords.store.testing.StartedCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.bson.BsonDocument;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A record's access history: order, paging, time filter, repair after a crash, and the queries it sends. */
class AuditHistoryIT {

    private static final Logger LOG = Logger.getLogger(AuditHistoryIT.class);
    private static final Instant START = Instant.parse("2025-09-01T08:00:00Z");
    private static final AuditCollectionNames LOST =
            new AuditCollectionNames("audit_entries", "lost_anchor", "lost_by_record");

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    /** Entry k is appended at START + (k - 1) s; even entries are about rec-A, odd ones about rec-B. */
    private static void appendAlternating(AuditTrail trail, int count) {
        for (int i = 0; i < count; i++) {
            trail.append(AuditFixtures.read(i % 2 == 0 ? "rec-B" : "rec-A"));
        }
    }

    @Test
    void newStartCatchesUpIndexAndAnchorThatACrashLeftBehind() {
        MongoDatabase database = MONGO.newDatabase();
        Clock clock = AuditFixtures.ticking(START);
        try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, clock)) {
            appendAlternating(trail, 10);
        }
        // A node whose index and anchor writes never reached the database: they went elsewhere.
        try (AuditTrail crashed = MongoAuditTrail.open(database, LOST, AuditFixtures.KEY, clock)) {
            appendAlternating(crashed, 20);
        }
        assertThat(anchoredSequence(database)).isEqualTo(10);

        try (AuditTrail restarted = MongoAuditTrail.open(database, AuditFixtures.KEY, clock)) {
            assertThat(anchoredSequence(database)).isEqualTo(30);
            assertThat(sequences(restarted.historyOf("rec-A", null, null, 0, 100)))
                    .containsExactly(30L, 28L, 26L, 24L, 22L, 20L, 18L, 16L, 14L, 12L, 10L, 8L, 6L, 4L, 2L);
            assertThat(sequences(restarted.historyOf("rec-B", null, null, 0, 100))).hasSize(15);
            assertThat(restarted.verify()).isEqualTo(ChainVerification.intact(30));
        }
    }

    @Test
    void lostIndexAndAnchorAreRebuiltFromTheChain() {
        MongoDatabase database = MONGO.newDatabase();
        Clock clock = AuditFixtures.ticking(START);
        try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, clock)) {
            appendAlternating(trail, 25);
        }
        database.getCollection(AuditCollectionNames.DEFAULTS.byRecord()).deleteMany(new Document());
        database.getCollection(AuditCollectionNames.DEFAULTS.anchor()).deleteMany(new Document());

        try (AuditTrail restarted = MongoAuditTrail.open(database, AuditFixtures.KEY, clock)) {
            assertThat(sequences(restarted.historyOf("rec-B", null, null, 0, 100)))
                    .containsExactlyElementsOf(LongStream.iterate(25, s -> s >= 1, s -> s - 2).boxed().toList());
            AuditEntry next = restarted.append(AuditFixtures.read("rec-A"));
            assertThat(next.sequence()).isEqualTo(26);
            assertThat(restarted.verify()).isEqualTo(ChainVerification.intact(26));
        }
    }

    @Test
    void historyIsNewestFirstPagedAndFilteredByTime() {
        MongoDatabase database = MONGO.newDatabase();
        try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            appendAlternating(trail, 40);
            trail.verify();

            assertThat(sequences(trail.historyOf("rec-A", null, null, 3, 4))).containsExactly(34L, 32L, 30L, 28L);
            assertThat(sequences(trail.historyOf("rec-A", null, null, 18, 5))).containsExactly(4L, 2L);
            assertThat(trail.historyOf("rec-A", null, null, 20, 5)).isEmpty();
            assertThat(sequences(trail.historyOf("rec-A", START.plusSeconds(10), START.plusSeconds(20), 0, 100)))
                    .containsExactly(20L, 18L, 16L, 14L, 12L);
            assertThat(sequences(trail.historyOf("rec-A", START.plusSeconds(10), START.plusSeconds(20), 1, 2)))
                    .containsExactly(18L, 16L);
            assertThat(sequences(trail.historyOf("rec-B", null, START.plusSeconds(4), 0, 100)))
                    .containsExactly(3L, 1L);
            assertThat(trail.historyOf("rec-unknown", null, null, 0, 10)).isEmpty();
            assertThat(trail.historyOf("rec-A", null, null, 0, 1).get(0).time()).isEqualTo(START.plusSeconds(39));
        }
    }

    @Test
    void searchesAreInTheHistoryOfEveryRecordTheyReturned() {
        MongoDatabase database = MONGO.newDatabase();
        try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            trail.append(AuditFixtures.read("a/b"));
            AuditEntry search = trail.append(AuditEventBuilder.builder().clientId("registry-portal").operation("SEARCH")
                    .decision(Decision.ALLOW).recordIds(List.of("a", "a/b", "a%2Fb")).build());
            trail.verify();

            assertThat(sequences(trail.historyOf("a", null, null, 0, 10))).containsExactly(search.sequence());
            assertThat(sequences(trail.historyOf("a/b", null, null, 0, 10))).containsExactly(2L, 1L);
            assertThat(sequences(trail.historyOf("a%2Fb", null, null, 0, 10))).containsExactly(2L);
        }
    }

    @Test
    void historyAndAppendUseKeyLookupsOnly() {
        StartedCommands started = new StartedCommands();
        MongoDatabase database = MONGO.newClient(started).getDatabase(InProcessMongo.freshDatabaseName());
        try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, AuditFixtures.ticking(START))) {
            appendAlternating(trail, 50);
            trail.verify();

            started.clear();
            trail.append(AuditFixtures.read("rec-A"));
            List<BsonDocument> commands = started.all();
            assertThat(commands).hasSize(1);
            assertThat(commands.get(0).getString("insert").getValue()).isEqualTo("audit_entries");
            trail.verify();

            started.clear();
            trail.historyOf("rec-A", START.plusSeconds(5), null, 2, 10);
            assertThat(started.all()).isNotEmpty().allSatisfy(command -> {
                assertThat(command.containsKey("find")).isTrue();
                BsonDocument filter = command.getDocument("filter");
                assertThat(filter.keySet()).containsExactly("_id");
                if (filter.get("_id").isDocument()) {
                    assertThat(filter.getDocument("_id").keySet()).containsExactly("$in");
                }
            });
        }
    }

    @Test
    void medianAppendTime() {
        MongoDatabase database = MONGO.newDatabase();
        int appends = 2_000;
        List<Long> nanos = new ArrayList<>(appends);
        try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, Clock.systemUTC())) {
            for (int i = 0; i < appends; i++) {
                long started = System.nanoTime();
                trail.append(AuditFixtures.read("rec-" + i % 50));
                nanos.add(System.nanoTime() - started);
            }
            assertThat(trail.verify()).isEqualTo(ChainVerification.intact(appends));
            long historyStarted = System.nanoTime();
            assertThat(trail.historyOf("rec-7", null, null, 0, 20)).hasSize(20);
            Duration history = Duration.ofNanos(System.nanoTime() - historyStarted);
            Collections.sort(nanos);
            LOG.infof("Audit append on the in-process server: median %d us, p99 %d us over %d appends;"
                    + " one history page %d us", nanos.get(appends / 2) / 1000, nanos.get(appends * 99 / 100) / 1000,
                    appends, history.toNanos() / 1000);
        }
    }

    private static long anchoredSequence(MongoDatabase database) {
        return database.getCollection(AuditCollectionNames.DEFAULTS.anchor()).find().first().getLong("sequence");
    }

    private static List<Long> sequences(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::sequence).toList();
    }

}
