package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.check.CheckSettings;
import edu.studentrecords.store.check.Finding;
import edu.studentrecords.store.check.SelfCheckReport;
import edu.studentrecords.store.feed.QuarantinedChange;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index against a real embedded store process: searched through the store, it answers only what the caller may
 * read now while it lags (the feed is held, so the lag is certain), refuses to answer before it has caught up, and a
 * record it cannot take is quarantined without stopping the records after it.
 */
class LaggingIndexIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    private static final String PHYSICS = "science/physics/2024-1";
    private static final String HISTORY = "arts/history/2023-1";
    private static final AccessContext ADMIN = Principals.admin(UUID.randomUUID().toString());

    @TempDir
    Path dir;

    @Test
    void aRecordMovedOutOfTheTeachersUnitWhileTheIndexLagsIsNeitherReturnedNorCounted() throws Exception {
        StudentRecords store = STORE.store();
        GeneratedStudents students = new GeneratedStudents(61);
        RecordView moved = enrol(store, named(students, PHYSICS, "L100000001", "欧阳明"));
        RecordView stays = enrol(store, named(students, PHYSICS, "L100000002", "欧阳华"));
        enrol(store, named(students, HISTORY, "L100000003", "欧阳英"));
        AccessContext teacher = Principals.staff(UUID.randomUUID().toString(),
                Set.of("student.search", "student.profile.read"), "science/physics");
        HeldFeed feed = new HeldFeed(store.changes());
        feed.hold();
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir), feed)) {
            // Opened at node start, before it has caught up: refused, and the refusal is audited.
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.pollsWhileHeld() > 0);
            long audited = auditCount();
            assertThatThrownBy(() -> store.records().search(teacher, index.searching(SearchQuery.of("ouyang"), 0)))
                    .isInstanceOf(SearchIndexCatchingUpException.class);
            assertThat(lastAuditEntries(audited)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("SEARCH_FAILED"));

            feed.release();
            await().atMost(Duration.ofSeconds(30)).until(index::caughtUp);
            SearchResult before = store.records().search(teacher, index.searching(SearchQuery.of("ouyang"), 0));
            assertThat(before.hits()).extracting(SearchHit::recordId).containsExactly(moved.id(), stays.id());

            feed.hold();
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.pollsWhileHeld() > 0);
            store.records().update(ADMIN, moved.id(), 1, "{\"profile\":{\"unit\":\"" + HISTORY + "\"}}");
            // The index alone still holds the old unit: this is the lag the store's re-check has to cover.
            SearchResult indexAlone = index.search(Scopes.of(teacher), SearchQuery.of("ouyang"), 0);
            assertThat(indexAlone.hits()).extracting(SearchHit::recordId).containsExactly(moved.id(), stays.id());
            assertThat(indexAlone.total()).isEqualTo(2);

            audited = auditCount();
            SearchResult now = store.records().search(teacher, index.searching(SearchQuery.of("ouyang"), 0));
            assertThat(now.hits()).extracting(SearchHit::recordId).containsExactly(stays.id());
            assertThat(now.total()).isEqualTo(1);
            assertThat(now.unitCounts()).containsExactly(java.util.Map.entry(PHYSICS, 1L));
            assertThat(now.statusCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
            // The first page alone: the moved record would have ranked first.
            SearchResult firstPage = store.records().search(teacher,
                    index.searching(SearchQuery.of("ouyang").withLimit(1), 0));
            assertThat(firstPage.hits()).extracting(SearchHit::recordId).containsExactly(stays.id());
            assertThat(firstPage.total()).isEqualTo(1);
            assertThat(lastAuditEntries(audited)).extracting(AuditEntry::recordIds)
                    .containsExactly(List.of(stays.id()), List.of(stays.id()));

            // Once the index has applied the move, the index alone agrees.
            feed.release();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> index.searchablePosition() >= store.changes().head());
            assertThat(index.search(Scopes.of(teacher), SearchQuery.of("ouyang"), 0).hits())
                    .extracting(SearchHit::recordId).containsExactly(stays.id());
        }
    }

    @Test
    void aRecordTheIndexCannotTakeIsQuarantinedReportedAndDoesNotStopTheRecordsAfterIt() throws Exception {
        StudentRecords store = STORE.store();
        GeneratedStudents students = new GeneratedStudents(62);
        RecordView dotted = enrol(store, named(students, PHYSICS, "P200000001", "澹台明"));
        try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(dir), store.changes())) {
            await().atMost(Duration.ofSeconds(30)).until(index::caughtUp);
            assertThat(store.records().search(ADMIN, index.searching(SearchQuery.of("澹台明"), 0)).total()).isEqualTo(1);

            // A unit with a dot segment, written straight into the database as an older writer could have stored
            // it, and announced on the feed as a write of the record's current version.
            var raw = STORE.fixture().rawDatabase();
            raw.getCollection("records").updateOne(Filters.eq("_id", dotted.id()), Updates.combine(
                    Updates.set("unit", "science/../physics"), Updates.set("profile.unit", "science/../physics")));
            long poison = store.changes().head() + 1;
            raw.getCollection("changes").insertOne(new Document("_id", poison).append("record", dotted.id())
                    .append("v", 1L).append("kind", "UPSERT").append("at", new Date()));
            RecordView later = enrol(store, named(students, PHYSICS, "P200000002", "澹台华"));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> index.searchablePosition() >= store.changes().head());
            assertThat(store.records().search(ADMIN, index.searching(SearchQuery.of("澹台华"), 0)).hits())
                    .extracting(SearchHit::recordId).containsExactly(later.id());
            // Its earlier version is out of the index too, not only out of the answers.
            assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("澹台明"), 0).total()).isZero();
            assertThat(store.changes().quarantined()).extracting(QuarantinedChange::sequence,
                    QuarantinedChange::recordId, QuarantinedChange::reasonCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(poison, dotted.id(), "UNIT_INVALID"));

            SelfCheckReport report = store.selfCheck()
                    .runScheduled(Instant.now(), Duration.ofDays(1), CheckSettings.DEFAULTS, List.of()).orElseThrow();
            assertThat(report.findings()).filteredOn(f -> f.code().equals(Finding.FEED_QUARANTINED)).singleElement()
                    .satisfies(f -> {
                        assertThat(f.count()).isEqualTo(1);
                        assertThat(f.actor()).isNull();
                    });
        }
    }

    private static StudentRecord named(GeneratedStudents students, String unit, String number, String name) {
        StudentRecord r = students.nextIn(unit, LocalDate.now());
        Profile p = r.profile();
        return new StudentRecord(new Profile(number, name, p.gender(), p.status(), unit, p.enrolmentDate(),
                p.leavingDate()), r.identity(), r.contact(), r.guardians());
    }

    private static RecordView enrol(StudentRecords store, StudentRecord content) {
        return store.records().create(ADMIN, content, null);
    }

    private static long auditCount() {
        return STORE.fixture().rawDatabase().getCollection("audit_entries").countDocuments();
    }

    private static List<AuditEntry> lastAuditEntries(long after) {
        return STORE.store().auditTrail().range(after + 1, 100);
    }
}
