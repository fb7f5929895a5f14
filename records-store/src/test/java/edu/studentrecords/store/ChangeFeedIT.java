package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            StudentRecordStore store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            GeneratedStudents students = new GeneratedStudents(11);
            RecordView a = store.create(admin, students.next(LocalDate.now()), null);
            RecordView b = store.create(admin, students.next(LocalDate.now()), null);
            store.update(admin, a.id(), 1, "{\"profile\":{\"name\":\"改名甲\"}}");
            try {
                store.update(admin, a.id(), 1, "{\"profile\":{\"name\":\"改名乙\"}}");
            } catch (StaleVersionException expected) {
                // refused: must not appear as a change
            }
            store.destroy(admin, b.id(), "test");

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
            StudentRecordStore store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            RecordView a = store.create(admin, new GeneratedStudents(12).next(LocalDate.now()), null);
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
            StudentRecordStore store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            GeneratedStudents students = new GeneratedStudents(13);
            Map<String, Long> expected = new HashMap<>();
            long position = 0;
            Map<String, Long> applied = new HashMap<>();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 10; i++) {
                    RecordView v = store.create(admin, students.next(LocalDate.now()), null);
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

    private static List<ChangeEvent> drain(StudentRecordStore store, long from) {
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

    private static long drainPosition(StudentRecordStore store) {
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
