package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A search through an index that lags the store answers only what the caller may read now: records changed after the
 * index's position and every hit returned are decided again on the stored record, and those the caller may no longer
 * read are neither returned nor counted. The index is a frozen stand-in, so the lag is exact.
 */
class SearchReadableNowIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    private static final String PHYSICS = "science/physics/2024-1";
    private static final String HISTORY = "arts/history/2023-1";

    static StudentRecords store;
    static final GeneratedStudents students = new GeneratedStudents(77);
    static final AccessContext admin = Principals.admin(UUID.randomUUID().toString());

    @BeforeAll
    static void start() {
        store = STORE.store();
    }

    @Test
    void aRecordMovedOutOfTheTeachersUnitAfterTheIndexPositionIsNeitherReturnedNorCounted() {
        RecordView moved = enrol(PHYSICS);
        RecordView stays = enrol(PHYSICS);
        RecordView staysToo = enrol(PHYSICS);
        RecordView elsewhere = enrol(HISTORY);
        long indexPosition = store.changes().head();
        store.records().update(admin, moved.id(), 1, "{\"profile\":{\"unit\":\"" + HISTORY + "\"}}");

        FrozenIndex index = new FrozenIndex(indexPosition, 10)
                .holding(moved.id(), PHYSICS).holding(stays.id(), PHYSICS).holding(staysToo.id(), PHYSICS)
                .holding(elsewhere.id(), HISTORY);
        AccessContext teacher = teacherOf("science/physics");
        long before = auditCount();
        FrozenIndex.Answer answer = store.records().search(teacher, index);

        assertThat(answer.ids()).containsExactly(stays.id(), staysToo.id());
        assertThat(answer.total()).isEqualTo(2);
        assertThat(answer.unitCounts()).isEqualTo(Map.of(PHYSICS, 2L));
        // The moved record was left out of the page the index was asked for, not cut from its answer afterwards.
        assertThat(index.excludedAsked).containsExactly(Set.of(moved.id()));
        assertThat(auditCount()).isEqualTo(before + 1);
        AuditEntry entry = store.auditTrail().range(before + 1, 1).get(0);
        assertThat(entry.decision()).isEqualTo(Decision.ALLOW);
        assertThat(entry.recordIds()).containsExactly(stays.id(), staysToo.id());

        // Whoever may read the moved record now still finds it while the index lags.
        FrozenIndex.Answer all = store.records().search(admin, index);
        assertThat(all.ids()).containsExactly(moved.id(), stays.id(), staysToo.id(), elsewhere.id());
        assertThat(all.total()).isEqualTo(4);
    }

    @Test
    void aHitOfAnIndexThatClaimsToBeCurrentIsConfirmedOnTheStoredRecordAndThePageTakenAgain() {
        RecordView moved = enrol(PHYSICS);
        RecordView stays = enrol(PHYSICS);
        RecordView staysToo = enrol(PHYSICS);
        store.records().update(admin, moved.id(), 1, "{\"profile\":{\"unit\":\"" + HISTORY + "\"}}");
        // The index says it has applied the move, yet holds the old unit: only the page's confirmation can tell.
        FrozenIndex index = new FrozenIndex(store.changes().head(), 2)
                .holding(moved.id(), PHYSICS).holding(stays.id(), PHYSICS).holding(staysToo.id(), PHYSICS);

        FrozenIndex.Answer answer = store.records().search(teacherOf("science/physics"), index);

        assertThat(answer.ids()).containsExactly(stays.id(), staysToo.id());
        assertThat(answer.total()).isEqualTo(2);
        assertThat(answer.unitCounts()).isEqualTo(Map.of(PHYSICS, 2L));
        assertThat(index.excludedAsked).containsExactly(Set.of(), Set.of(moved.id()));
    }

    @Test
    void aDestroyedRecordIsNobodysHitAndOneWhoseStoredUnitDoesNotParseIsOnlyTheCentres() {
        RecordView destroyed = enrol(PHYSICS);
        RecordView unparseable = enrol(PHYSICS);
        RecordView fine = enrol(PHYSICS);
        long indexPosition = store.changes().head();
        Destructions.destroy(store, destroyed.id(), "retention period over");
        STORE.fixture().rawDatabase().getCollection("records").updateOne(Filters.eq("_id", unparseable.id()),
                Updates.combine(Updates.set("unit", "science/../physics"), Updates.set("profile.unit", "science/../physics")));
        FrozenIndex index = new FrozenIndex(indexPosition, 10)
                .holding(destroyed.id(), PHYSICS).holding(unparseable.id(), PHYSICS).holding(fine.id(), PHYSICS);

        FrozenIndex.Answer teachers = store.records().search(teacherOf("science/physics"), index);
        assertThat(teachers.ids()).containsExactly(fine.id());
        assertThat(teachers.total()).isEqualTo(1);

        // The centre still finds a record whose stored unit breaks the grammar: it is the one to repair it.
        FrozenIndex.Answer centre = store.records().search(admin, index);
        assertThat(centre.ids()).containsExactlyInAnyOrder(unparseable.id(), fine.id());
        assertThat(centre.total()).isEqualTo(2);
    }

    @Test
    void anIndexTooFarBehindTheStoreIsNotSearchedAndTheSearchIsAuditedAsFailed() {
        RecordView record = enrol(PHYSICS);
        long indexPosition = store.changes().head();
        // Entries of writes that were refused (void): nothing resolves them, yet a re-check would have to read them.
        List<Document> refusedWrites = new ArrayList<>();
        for (long seq = indexPosition + 1; seq <= indexPosition + RecordGate.MAX_RECHECKED_ENTRIES + 1; seq++) {
            refusedWrites.add(new Document("_id", seq).append("record", record.id()).append("v", 2L)
                    .append("kind", "UPSERT").append("at", new Date()).append("void", true));
        }
        STORE.fixture().rawDatabase().getCollection("changes").insertMany(refusedWrites);
        FrozenIndex index = new FrozenIndex(indexPosition, 10).holding(record.id(), PHYSICS);
        long before = auditCount();

        assertThatThrownBy(() -> store.records().search(admin, index)).is(Kinds.kind(StoreException.Kind.UNAVAILABLE));

        assertThat(index.closed).isEqualTo(1);
        assertThat(auditCount()).isEqualTo(before + 1);
        AuditEntry entry = store.auditTrail().range(before + 1, 1).get(0);
        assertThat(entry.reason()).isEqualTo("SEARCH_FAILED");
        assertThat(entry.recordIds()).isEmpty();
        // Within the limit, the same index is searched.
        FrozenIndex caughtUp = new FrozenIndex(indexPosition + 2, 10).holding(record.id(), PHYSICS);
        assertThat(store.records().search(admin, caughtUp).ids()).containsExactly(record.id());
    }

    private static RecordView enrol(String unit) {
        return store.records().create(admin, students.nextIn(unit, LocalDate.now()), null);
    }

    private static AccessContext teacherOf(String unit) {
        return Principals.staff(UUID.randomUUID().toString(), Set.of("student.search", "student.profile.read"), unit);
    }

    private static long auditCount() {
        return STORE.fixture().rawDatabase().getCollection("audit_entries").countDocuments();
    }
}
