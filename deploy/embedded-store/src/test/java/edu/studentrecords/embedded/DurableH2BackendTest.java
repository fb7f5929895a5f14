package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls the backend the way the wire protocol handler does, then crashes the store file. */
class DurableH2BackendTest {

    private static final String DATABASE = "records";

    @TempDir
    Path folder;

    private CrashableStoreFile storeFile;
    private EmbeddedChannel channel;

    @BeforeEach
    void openChannel() {
        storeFile = new CrashableStoreFile(folder.resolve("records.mv"));
        channel = new EmbeddedChannel();
    }

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void insertReturnsOnlyOnceItSurvivesACrash() {
        MVStore store = storeFile.open();
        H2Backend backend = durable(store);

        insert(backend, "students", 3);
        CrashableStoreFile.crash(store);

        assertThat(storeFile.countAfterRestart(DATABASE, "students")).isEqualTo(3);
    }

    @Test
    void stockBackendLosesTheSameInsertInACrash() {
        MVStore store = storeFile.open();
        H2Backend backend = new H2Backend(store);

        insert(backend, "students", 3);
        CrashableStoreFile.crash(store);

        assertThat(storeFile.countAfterRestart(DATABASE, "students")).isZero();
    }

    @Test
    void updateDeleteAndFindAndModifySurviveACrash() {
        MVStore store = storeFile.open();
        H2Backend backend = durable(store);
        insert(backend, "students", 3);

        command(backend, new Document("update", "students").append("updates", List.of(
            new Document("q", new Document("_id", 0)).append("u", new Document("$set", new Document("year", 2))))));
        command(backend, new Document("delete", "students").append("deletes", List.of(
            new Document("q", new Document("_id", 1)).append("limit", 1))));
        command(backend, new Document("findAndModify", "students")
            .append("query", new Document("_id", 2))
            .append("update", new Document("$inc", new Document("year", 5))));
        CrashableStoreFile.crash(store);

        H2Backend restarted = new StoreBackend(storeFile.open());
        try {
            var students = restarted.resolveDatabase(DATABASE).resolveCollection("students", false);
            assertThat(students.count()).isEqualTo(2);
            assertThat(students.handleQuery(new Document("_id", 0))).singleElement()
                .satisfies(student -> assertThat(student.get("year")).isEqualTo(2));
            assertThat(students.handleQuery(new Document("_id", 2))).singleElement()
                .satisfies(student -> assertThat(student.get("year")).isEqualTo(6));
        } finally {
            restarted.close();
        }
    }

    @Test
    void droppedCollectionStaysDroppedAfterACrash() {
        MVStore store = storeFile.open();
        H2Backend backend = durable(store);
        insert(backend, "students", 2);

        command(backend, new Document("drop", "students"));
        CrashableStoreFile.crash(store);

        assertThat(storeFile.countAfterRestart(DATABASE, "students")).isZero();
    }

    @Test
    void writeThatWaivesTheJournalIsAcknowledgedUncommittedAndDurableWithTheNextDurableWrite() {
        MVStore store = storeFile.open();
        H2Backend backend = durable(store);
        insert(backend, "students", 1);
        long versionAfterInsert = store.getCurrentVersion();

        Document waived = command(backend, new Document("insert", "history")
            .append("documents", List.of(new Document("_id", "a"), new Document("_id", "b")))
            .append("writeConcern", new Document("w", "majority").append("j", false)));

        assertThat(waived.get("n")).isEqualTo(2);
        assertThat(store.getCurrentVersion()).as("no commit for j: false").isEqualTo(versionAfterInsert);
        assertThat(store.hasUnsavedChanges()).isTrue();

        command(backend, new Document("update", "anchor").append("updates", List.of(
            new Document("q", new Document("_id", "head")).append("u", new Document("$set", new Document("at", 2)))
                .append("upsert", true)))
            .append("writeConcern", new Document("w", "majority").append("j", true)));
        CrashableStoreFile.crash(store);

        assertThat(storeFile.countAfterRestart(DATABASE, "history")).isEqualTo(2);
        assertThat(storeFile.countAfterRestart(DATABASE, "anchor")).isEqualTo(1);
    }

    @Test
    void writeConcernWithoutJOrWithJTrueIsDurable() {
        MVStore store = storeFile.open();
        H2Backend backend = durable(store);

        command(backend, new Document("insert", "a").append("documents", List.of(new Document("_id", 1)))
            .append("writeConcern", new Document("w", "majority")));
        assertThat(store.hasUnsavedChanges()).as("committed before the reply, w: majority alone").isFalse();
        command(backend, new Document("insert", "b").append("documents", List.of(new Document("_id", 1)))
            .append("writeConcern", new Document("w", 1).append("j", true)));
        assertThat(store.hasUnsavedChanges()).as("committed before the reply, j: true").isFalse();
        CrashableStoreFile.crash(store);

        assertThat(storeFile.countAfterRestart(DATABASE, "a")).isEqualTo(1);
        assertThat(storeFile.countAfterRestart(DATABASE, "b")).isEqualTo(1);
    }

    @Test
    void readOnlyCommandDoesNotCommit() {
        MVStore store = storeFile.open();
        H2Backend backend = durable(store);
        insert(backend, "students", 1);
        long versionAfterInsert = store.getCurrentVersion();

        command(backend, new Document("find", "students").append("filter", new Document("_id", 0)));

        assertThat(store.getCurrentVersion()).isEqualTo(versionAfterInsert);
        backend.close();
    }

    private static H2Backend durable(MVStore store) {
        return new DurableH2Backend(store, new GroupCommit(store, false));
    }

    private void insert(H2Backend backend, String collection, int count) {
        List<Document> documents = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            documents.add(new Document("_id", id).append("year", 1));
        }
        Document response = command(backend, new Document("insert", collection).append("documents", documents));
        assertThat(response.get("n")).isEqualTo(count);
    }

    private Document command(H2Backend backend, Document command) {
        String name = command.keySet().iterator().next();
        Document response = backend.handleCommand(channel, DATABASE, name, command);
        assertThat(((Number) response.get("ok")).intValue()).as("ok of %s", name).isEqualTo(1);
        return response;
    }
}
