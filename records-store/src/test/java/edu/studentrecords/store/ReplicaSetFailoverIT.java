package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.RealMongoDB;
import edu.studentrecords.store.testing.ReplicaSetStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The primary of a three-member replica set steps down while writers enrol and change records. Every write the store
 * acknowledged survives the election, every refused one was told to its caller, no record is half there (a record
 * without its key, or a key without its record), and the audit chain stays intact.
 */
@RealMongoDB
class ReplicaSetFailoverIT {

    private static final int WRITERS = 3;

    @RegisterExtension
    static final ReplicaSetStore REPLICA_SET = new ReplicaSetStore();

    @Test
    void aPrimarySteppingDownMidWriteLosesNoAcknowledgedWrite() throws Exception {
        AccessContext admin = Principals.admin(UUID.randomUUID().toString());
        try (StudentRecords store = REPLICA_SET.connect()) {
            Map<String, Long> acknowledged = new ConcurrentHashMap<>();
            List<Throwable> told = new CopyOnWriteArrayList<>();
            AtomicInteger attempts = new AtomicInteger();
            AtomicBoolean steppedDown = new AtomicBoolean();
            AtomicInteger afterStepDown = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    GeneratedStudents students = new GeneratedStudents(100 + w);
                    writers.add(pool.submit(() -> {
                        while (afterStepDown.get() < 30) {
                            StudentRecord content = students.next(LocalDate.now());
                            attempts.incrementAndGet();
                            try {
                                RecordView created = store.records().create(admin, content, null);
                                RecordView changed = store.records().update(admin, created.id(), created.version(),
                                        "{\"contact\":{\"email\":\"failover@students.example.edu\"}}");
                                acknowledged.put(created.id(), changed.version());
                                if (steppedDown.get()) {
                                    afterStepDown.incrementAndGet();
                                }
                            } catch (StoreException | MongoException e) {
                                told.add(e);
                            }
                        }
                        return null;
                    }));
                }
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (acknowledged.size() < 20) {
                    assertThat(System.nanoTime()).as("20 writes acknowledged before the step-down").isLessThan(deadline);
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                String oldPrimary = REPLICA_SET.stepDownPrimary();
                steppedDown.set(true);
                for (Future<?> writer : writers) {
                    writer.get(3, TimeUnit.MINUTES);
                }
                assertThat(REPLICA_SET.primary()).isNotEqualTo(oldPrimary);
            } finally {
                pool.shutdownNow();
            }

            assertThat(afterStepDown.get()).as("writes acknowledged under the new primary").isGreaterThanOrEqualTo(30);
            assertThat(acknowledged.size() + told.size()).as("every attempt acknowledged or refused to its caller")
                    .isEqualTo(attempts.get());
            acknowledged.forEach((id, version) -> {
                RecordView read = store.records().read(admin, id);
                assertThat(read.version()).as("record " + id).isEqualTo(version);
                assertThat(read.contact().email()).isEqualTo("failover@students.example.edu");
            });
            var db = REPLICA_SET.rawDatabase();
            for (Document record : db.getCollection("records").find()) {
                assertThat(db.getCollection("record_keys").countDocuments(new Document("_id", record.get("_id"))))
                        .as("the key of record " + record.get("_id")).isEqualTo(1);
                // Every record the store holds is readable whole, acknowledged or not.
                assertThat(store.records().read(admin, record.getString("_id")).id()).isEqualTo(record.getString("_id"));
            }
            assertThat(store.auditTrail().verify().intact()).isTrue();
        }
    }
}
