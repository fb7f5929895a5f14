package edu.studentrecords.store.testing;

import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A child process for crash tests: enrols and updates records through the store as fast as it can and
 * prints one line per acknowledged write ({@code ACK <id> <version>}), until the store goes away.
 * Arguments: connection string, keys folder, seed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) {
        StoreSettings settings = StoreSettings.builder()
                .connectionString(args[0] + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000&socketTimeoutMS=5000")
                .keysDirectory(Path.of(args[1]))
                .feedSettle(Duration.ofSeconds(2))
                .build();
        GeneratedStudents students = new GeneratedStudents(Long.parseLong(args[2]));
        AccessContext admin = Principals.admin(UUID.randomUUID().toString());
        try (StudentRecords store = StudentRecords.connect(settings)) {
            System.out.println("READY");
            System.out.flush();
            for (int i = 0; ; i++) {
                RecordView created = store.records().create(admin, students.next(LocalDate.now()), null);
                ack(created);
                if (i % 3 == 0) {
                    ack(store.records().update(admin, created.id(), created.version(), "{\"contact\":{\"homeAddress\":\"updated " + i + "\"}}"));
                }
            }
        } catch (RuntimeException storeGone) {
            System.exit(3);
        }
    }

    private static void ack(RecordView view) {
        System.out.println("ACK " + view.id() + " " + view.version());
        System.out.flush();
    }
}
