package edu.studentrecords.demo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.testing.Principals;
import java.nio.file.Path;
import java.time.Clock;
import edu.studentrecords.store.access.Ward;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds a small campus into a MongoDB-wire server in this JVM, through the real store. */
class RecordSeederIT {

    private static final int STUDENTS = 30;

    @TempDir
    Path keys;
    private MongoServer server;
    private StudentRecords store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        store = StudentRecords.connect(StoreSettings.builder()
                .connectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())
                .database("student_records_campus")
                .keysDirectory(keys)
                .generateMissingKeys(true)
                .build());
    }

    @AfterEach
    void stop() {
        store.close();
        server.shutdownNow();
    }

    @Test
    void enrolsEveryStudentOnceLinkedToTheirUserAndAuditedAsTheSeedingClient() {
        Campus campus = Campus.generate(Campus.DEFAULT_SEED, STUDENTS);
        RecordSeeder seeder = new RecordSeeder(store.records(), store.guardians(), campus.seed(), Clock.systemUTC());

        RecordSeeder.Report first = seeder.seed(campus);
        RecordSeeder.Report second = seeder.seed(campus);

        assertThat(first).isEqualTo(new RecordSeeder.Report(STUDENTS + 4, 0));
        assertThat(second).isEqualTo(new RecordSeeder.Report(0, STUDENTS + 4));
        // Grace is linked, once, to Mia's record, and Mia is 12; Henry to Leo's, 16.
        for (Campus.Minor minor : Campus.MINORS) {
            String recordId = store.records().findByStudentNumber(seeder.seedingContext(),
                    campus.person(minor.student()).studentNumber()).id();
            List<Ward> wards = store.guardians().wardsOf(campus.person(minor.guardian()).id());
            assertThat(wards).hasSize(1);
            assertThat(wards.get(0).recordId()).isEqualTo(recordId);
            assertThat(wards.get(0).guardianIndex()).isZero();
            assertThat(wards.get(0).ageAt(Instant.now())).isEqualTo(minor.age());
        }
        Person alice = campus.person("alice.student");
        RecordView own = store.self().read(Principals.self(alice.id()));
        assertThat(own.profile().studentNumber()).isEqualTo(alice.studentNumber());
        assertThat(own.contact().email()).isEqualTo(alice.email());
        List<AuditEntry> history = store.auditTrail().historyOf(own.id(), Instant.EPOCH, Instant.now().plusSeconds(60), 0, 10);
        assertThat(history).anySatisfy(entry -> {
            assertThat(entry.event().clientId()).isEqualTo(RecordSeeder.SEED_CLIENT);
            assertThat(entry.event().operation()).isEqualTo("CREATE");
            assertThat(entry.event().purpose()).isEqualTo("administration");
        });
        assertThat(store.auditTrail().verify().intact()).isTrue();
    }

    @Test
    void anInterruptedSeedingIsCompletedWithoutDuplicates() {
        new RecordSeeder(store.records(), store.guardians(), Campus.DEFAULT_SEED, Clock.systemUTC()).seed(Campus.generate(Campus.DEFAULT_SEED, 10));

        RecordSeeder.Report rest = new RecordSeeder(store.records(), store.guardians(), Campus.DEFAULT_SEED, Clock.systemUTC())
                .seed(Campus.generate(Campus.DEFAULT_SEED, STUDENTS));

        assertThat(rest).isEqualTo(new RecordSeeder.Report(STUDENTS - 10, 14));
    }
}
