package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.feed.ChangedRecords;
import edu.studentrecords.store.feed.QuarantinedChange;
import edu.studentrecords.store.internal.backup.StoreCollections;
import edu.studentrecords.store.internal.mongo.MongoChangeFeed;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StartedCommands;
import edu.studentrecords.store.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change feed: every committed create, update and destruction reaches a consumer, in order per record. */
class ChangeFeedIT {

    @TempDir
    Path dir;

    @Test
    void everyCommittedChangeReachesTheConsumerInOrderAndRefusedWritesDoNot() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            GeneratedStudents students = new GeneratedStudents(11);
            RecordView a = store.records().create(admin, students.next(LocalDate.now()), null);
            RecordView b = store.records().create(admin, students.next(LocalDate.now()), null);
            store.records().update(admin, a.id(), 1, "{\"profile\":{\"name\":\"改名甲\"}}");
            try {
                store.records().update(admin, a.id(), 1, "{\"profile\":{\"name\":\"改名乙\"}}");
            } catch (StoreException expected) {
                // refused: must not appear as a change
            }
            Destructions.destroy(store, b.id(), "test");

            List<ChangeEvent> events = drain(store, 0);
            assertThat(events).extracting(ChangeEvent::recordId, ChangeEvent::kind)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(a.id(), ChangeEvent.Kind.UPSERT),
                            org.assertj.core.groups.Tuple.tuple(b.id(), ChangeEvent.Kind.REMOVE),
                            org.assertj.core.groups.Tuple.tuple(a.id(), ChangeEvent.Kind.UPSERT),
                            org.assertj.core.groups.Tuple.tuple(b.id(), ChangeEvent.Kind.REMOVE));
            // Events carry the state when read: a's last state is version 2 with the new name; b is gone.
            assertThat(events.get(2).version()).isEqualTo(2);
            assertThat(events.get(2).profile().name()).isEqualTo("改名甲");
            assertThat(events.get(2).residentIdHash()).hasSize(64);
            assertThat(events).extracting(ChangeEvent::sequence).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aWriteInFlightHoldsTheFeedBackUntilItLandsOrSettles() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            RecordView a = store.records().create(admin, new GeneratedStudents(12).next(LocalDate.now()), null);
            long afterCreate = drainPosition(store);

            // A writer that crashed after announcing version 2 of a, before writing it.
            long head = store.changes().head();
            fixture.rawDatabase().getCollection("changes").insertOne(new Document("_id", head + 1)
                    .append("record", a.id()).append("v", 2L).append("kind", "UPSERT").append("at", new Date()));
            ChangeBatch held = store.changes().poll(afterCreate, 10);
            assertThat(held.events()).isEmpty();
            assertThat(held.nextAfter()).isEqualTo(afterCreate);

            // After the settle time the feed reports the record as it really is (still version 1) and moves on.
            Thread.sleep(fixture.settings().feedSettle().toMillis() + 200);
            ChangeBatch settled = store.changes().poll(afterCreate, 10);
            assertThat(settled.events()).singleElement().satisfies(e -> {
                assertThat(e.recordId()).isEqualTo(a.id());
                assertThat(e.version()).isEqualTo(1);
            });
            assertThat(settled.nextAfter()).isEqualTo(head + 1);
        }
    }

    @Test
    void aConsumerThatRestartsFromItsPositionMissesNothing() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            GeneratedStudents students = new GeneratedStudents(13);
            Map<String, Long> expected = new HashMap<>();
            long position = 0;
            Map<String, Long> applied = new HashMap<>();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 10; i++) {
                    RecordView v = store.records().create(admin, students.next(LocalDate.now()), null);
                    expected.put(v.id(), 1L);
                }
                // Consume a little at a time, as a consumer that stops between polls.
                ChangeBatch batch = store.changes().poll(position, 7);
                batch.events().forEach(e -> applied.merge(e.recordId(), e.version(), Math::max));
                position = batch.nextAfter();
            }
            for (ChangeEvent e : drain(store, position)) {
                applied.merge(e.recordId(), e.version(), Math::max);
            }
            assertThat(applied).isEqualTo(expected);
        }
    }

    @Test
    void theRecordsChangedAfterAPositionAreReadFromTheEntriesAloneAndTellWhetherTheyReachTheHead() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            GeneratedStudents students = new GeneratedStudents(14);
            RecordView a = store.records().create(admin, students.next(LocalDate.now()), null);
            long afterA = store.changes().head();
            RecordView b = store.records().create(admin, students.next(LocalDate.now()), null);
            store.records().update(admin, a.id(), 1, "{\"profile\":{\"name\":\"改名丙\"}}");
            RecordView c = store.records().create(admin, students.next(LocalDate.now()), null);
            long head = store.changes().head();

            ChangedRecords all = store.changes().changedAfter(afterA, 100);
            assertThat(all.recordIds()).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
            assertThat(all.upTo()).isEqualTo(head);
            assertThat(all.complete()).isTrue();

            ChangedRecords cut = store.changes().changedAfter(afterA, 2);
            assertThat(cut.recordIds()).containsExactlyInAnyOrder(a.id(), b.id());
            assertThat(cut.upTo()).isEqualTo(afterA + 2);
            assertThat(cut.complete()).isFalse();

            ChangedRecords exact = store.changes().changedAfter(afterA, 3);
            assertThat(exact.complete()).isTrue();
            assertThat(store.changes().changedAfter(head, 10))
                    .isEqualTo(new ChangedRecords(Set.of(), head, head, true));
        }
    }

    @Test
    void aQuarantinedEntryIsKeptOnceByItsSequenceAndStandsUntilItsRecordChangesOrIsDestroyed() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            GeneratedStudents students = new GeneratedStudents(15);
            RecordView a = store.records().create(admin, students.next(LocalDate.now()), null);
            long seqA = store.changes().head();
            RecordView b = store.records().create(admin, students.next(LocalDate.now()), null);
            long seqB = store.changes().head();

            store.changes().quarantine(seqA, a.id(), 1, "UNIT_INVALID");
            store.changes().quarantine(seqA, a.id(), 1, "DOCUMENT_FAILED");
            store.changes().quarantine(seqB, b.id(), 1, "DOCUMENT_REJECTED");
            assertThat(store.changes().quarantined()).extracting(QuarantinedChange::sequence, QuarantinedChange::recordId,
                    QuarantinedChange::version, QuarantinedChange::reasonCode).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(seqA, a.id(), 1L, "UNIT_INVALID"),
                            org.assertj.core.groups.Tuple.tuple(seqB, b.id(), 1L, "DOCUMENT_REJECTED"));
            assertThat(fixture.rawDatabase().getCollection("feed_quarantine").find().first().keySet())
                    .as("ids, a version and a code only").containsExactlyInAnyOrder("_id", "record", "v", "reason", "at");
            assertThatThrownBy(() -> store.changes().quarantine(seqA, a.id(), 1, "unit is 'x/../y'"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("x/../y");

            store.records().update(admin, a.id(), 1, "{\"profile\":{\"name\":\"改名丁\"}}");
            Destructions.destroy(store, b.id(), "test");
            assertThat(store.changes().quarantined()).isEmpty();
        }
    }

    @Test
    void aStoredRecordTheFeedCannotReadIsDeliveredWithoutItsProfileAndQuarantinedInsteadOfHoldingTheFeedBack() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            GeneratedStudents students = new GeneratedStudents(16);
            RecordView broken = store.records().create(admin, students.next(LocalDate.now()), null);
            long brokenAt = store.changes().head();
            fixture.rawDatabase().getCollection("records").updateOne(new Document("_id", broken.id()),
                    new Document("$set", new Document("profile.gender", "NOT_A_GENDER")));
            RecordView after = store.records().create(admin, students.next(LocalDate.now()), null);

            List<ChangeEvent> events = drain(store, 0);
            assertThat(events).extracting(ChangeEvent::recordId).containsExactly(broken.id(), after.id());
            assertThat(events.get(0).kind()).isEqualTo(ChangeEvent.Kind.UPSERT);
            assertThat(events.get(0).version()).isEqualTo(1);
            assertThat(events.get(0).profile()).isNull();
            assertThat(events.get(1).profile()).isNotNull();
            assertThat(store.changes().quarantined()).extracting(QuarantinedChange::sequence,
                    QuarantinedChange::recordId, QuarantinedChange::reasonCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(brokenAt, broken.id(), "RECORD_UNREADABLE"));
        }
    }

    @Test
    void aPollReadsItsRecordsTogetherByKeyInsteadOfOneQueryEach() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            GeneratedStudents students = new GeneratedStudents(16);
            Map<String, Long> expected = new HashMap<>();
            for (int i = 0; i < 150; i++) {
                RecordView v = store.records().create(admin, students.next(LocalDate.now()), null);
                expected.put(v.id(), 1L);
            }
            String first = expected.keySet().iterator().next();
            store.records().update(admin, first, 1, "{\"profile\":{\"name\":\"改名丁\"}}");
            expected.put(first, 2L);

            StartedCommands started = new StartedCommands();
            try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(fixture.process().connectionString()))
                    .addCommandListener(started).build())) {
                MongoDatabase db = client.getDatabase(fixture.settings().database());
                MongoChangeFeed feed = new MongoChangeFeed(db.getCollection(StoreCollections.CHANGES),
                        db.getCollection(StoreCollections.FEED_QUARANTINE),
                        new RecordCollection(db.getCollection(StoreCollections.RECORDS)), id -> true,
                        Clock.systemUTC(), fixture.settings().feedSettle());
                ChangeBatch batch = feed.poll(0, 1_000);

                assertThat(batch.caughtUp()).isTrue();
                Map<String, Long> seen = new HashMap<>();
                batch.events().forEach(e -> seen.merge(e.recordId(), e.version(), Math::max));
                assertThat(seen).isEqualTo(expected);
                // 151 entries of 150 records: read once, and once more to see them hold still, 100 ids a query (the
                // engine checks each document an _id $in finds against every id of the list).
                assertThat(started.named("find"))
                        .filteredOn(find -> find.getString("find").getValue().equals(StoreCollections.RECORDS))
                        .hasSize(4);
            }
        }
    }

    private static List<ChangeEvent> drain(StudentRecords store, long from) {
        List<ChangeEvent> events = new ArrayList<>();
        long position = from;
        while (true) {
            ChangeBatch batch = store.changes().poll(position, 3);
            events.addAll(batch.events());
            position = batch.nextAfter();
            if (batch.caughtUp()) {
                return events;
            }
        }
    }

    private static long drainPosition(StudentRecords store) {
        long position = 0;
        while (true) {
            ChangeBatch batch = store.changes().poll(position, 100);
            position = batch.nextAfter();
            if (batch.caughtUp()) {
                return position;
            }
        }
    }
}
