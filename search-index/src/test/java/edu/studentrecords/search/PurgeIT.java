package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.search.testing.PlaintextScan;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destroyed record leaves the results at once (the feed's removal event) and, after the purge merge, leaves
 * no trace in any file of the index: neither its name nor its student number.
 */
class PurgeIT {

    /** Characters no generated name uses, so a trace of them can only come from this record. */
    private static final String NAME = "欧阳澜汐";
    private static final String NUMBER = "PURGE-7731";
    private static final PlaintextScan TRACES = PlaintextScan.forStudent(NAME, NUMBER)
            .and("pinyin", "ouyanglanxi").and("given name", "澜汐");

    @TempDir
    Path dir;

    @Test
    void aDestroyedRecordLeavesResultsAtOnceAndTheIndexFilesAfterThePurge() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin("registrar-1");
            GeneratedStudents students = new GeneratedStudents(5);
            for (int i = 0; i < 40; i++) {
                store.records().create(admin, students.next(LocalDate.now()), null);
            }
            StudentRecord r = students.next(LocalDate.now());
            Profile p = r.profile();
            RecordView target = store.records().create(admin, new StudentRecord(new Profile(NUMBER, NAME, p.gender(), p.status(),
                    p.unit(), p.enrolmentDate(), p.leavingDate()), r.identity(), r.contact(), r.guardians()), null);
            for (int i = 0; i < 40; i++) {
                store.records().create(admin, students.next(LocalDate.now()), null);
            }
            SearchSettings settings = SearchSettings.defaults(dir.resolve("search"));
            // A second node's index over the same store: it learns of the destruction from the feed alone.
            SearchSettings otherNode = SearchSettings.defaults(dir.resolve("search-node-b"));
            try (StudentSearchIndex index = StudentSearchIndex.open(settings, store.changes());
                    StudentSearchIndex nodeB = StudentSearchIndex.open(otherNode, store.changes())) {
                assertThat(index.awaitSearchable(store.changes().head(), Duration.ofSeconds(30))).isTrue();
                assertThat(index.search(Scopes.of(admin), SearchQuery.of(NAME), 0).hits()).extracting(SearchHit::recordId)
                        .containsExactly(target.id());
                index.purge("no-such-record"); // commits, so everything indexed so far is in the files
                assertThat(TRACES.tracesIn(settings.indexDirectory())).as("the scan sees the record before").isNotEmpty();
                assertThat(nodeB.awaitSearchable(store.changes().head(), Duration.ofSeconds(30))).isTrue();
                nodeB.purge("no-such-record");
                assertThat(TRACES.tracesIn(otherNode.indexDirectory())).as("node B's files before").isNotEmpty();

                Destruction destroyed = Destructions.destroy(store, target.id(), "retention period over");
                assertThat(index.awaitSearchable(destroyed.feedSequence(), Duration.ofSeconds(5))).isTrue();
                assertThat(index.search(Scopes.of(admin), SearchQuery.of(NAME), 0).total()).isZero();
                assertThat(index.search(Scopes.of(admin), SearchQuery.of(NUMBER), 0).total()).isZero();

                assertThat(nodeB.awaitSearchable(destroyed.feedSequence(), Duration.ofSeconds(5))).isTrue();
                assertThat(TRACES.tracesIn(otherNode.indexDirectory()))
                        .as("node B merged the removal out of its files without being asked").isEmpty();

                index.purge(target.id());
                assertThat(TRACES.tracesIn(settings.indexDirectory())).isEmpty();
                assertThat(index.search(Scopes.of(admin), SearchQuery.of(""), 0).total()).isEqualTo(80);
            }
        }
    }
}
