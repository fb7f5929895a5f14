package edu.studentrecords.store.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes of a cluster (two stores over one real embedded store process, one shared backup folder): a backup
 * started on one is listed, with its progress and manifest, by the other, and the other can restore from it.
 */
class BackupJobsAcrossNodesIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    @Test
    void aJobStartedOnOneNodeIsListedAndReadableOnTheOther() throws IOException {
        Path shared = Files.createTempDirectory("backups-shared");
        AccessContext ada = Principals.admin(UUID.randomUUID().toString());
        GeneratedStudents students = new GeneratedStudents(17);
        for (int i = 0; i < 30; i++) {
            STORE.store().records().create(ada, students.next(LocalDate.now()), null);
        }
        try (StudentRecords nodeA = StudentRecords.connect(node(shared));
                StudentRecords nodeB = StudentRecords.connect(node(shared))) {
            BackupJob started = nodeA.backups().start(ada);

            assertThat(nodeB.backups().list(ada)).extracting(BackupJob::id).contains(started.id());
            BackupJob done = await().atMost(Duration.ofSeconds(30)).until(
                    () -> nodeB.backups().get(ada, started.id()), job -> job.status() == BackupJob.Status.DONE);
            assertThat(done.file()).isEqualTo(started.file());
            assertThat(done.manifest().collection("records")).hasValueSatisfying(
                    records -> assertThat(records.documents()).isEqualTo(30));
            assertThat(done.progress()).as("the last progress the running node recorded").isNotNull();
            assertThat(Files.exists(shared.resolve(started.file()))).isTrue();
            BackupJob listedOnA = nodeA.backups().list(ada).stream()
                    .filter(job -> job.id().equals(started.id())).findFirst().orElseThrow();
            assertThat(listedOnA.status()).isEqualTo(BackupJob.Status.DONE);
            assertThat(listedOnA.manifest()).isEqualTo(done.manifest());
        }
    }

    private static StoreSettings node(Path backups) {
        StoreSettings base = STORE.fixture().settings();
        return StoreSettings.builder()
                .connectionString(base.connectionString())
                .masterKeyFile(base.masterKeyFile())
                .blindIndexKeyFile(base.blindIndexKeyFile())
                .auditKeyFile(base.auditKeyFile())
                .generateMissingKeys(true)
                .feedSettle(base.feedSettle())
                .backupDirectory(backups)
                .build();
    }
}
