package edu.studentrecords.store.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.embedded.EmbeddedStoreProcess;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real embedded store process on a free port with its data in a folder, and a record store connected
 * to it with freshly generated keys. For integration tests.
 */
public final class StoreFixture implements AutoCloseable {

    private final Path dir;
    private EmbeddedStoreProcess process;
    private StudentRecords store;
    private MongoClient raw;

    private StoreFixture(Path dir) {
        this.dir = dir;
    }

    /** Starts a store process with its data under {@code dir}/store and keys under {@code dir}/keys. */
    public static StoreFixture start(Path dir) {
        StoreFixture fixture = new StoreFixture(dir);
        fixture.process = EmbeddedStoreProcess.start(dir.resolve("store"));
        fixture.connect();
        return fixture;
    }

    /** The settings the fixture's store uses. */
    public StoreSettings settings() {
        return StoreSettings.builder()
                .connectionString(process.connectionString())
                .keysDirectory(dir.resolve("keys"))
                .generateMissingKeys(true)
                .feedSettle(Duration.ofSeconds(2))
                // Tests shorten retention to days to see destruction happen; the floor has tests of its own.
                .retentionFloorDays(0)
                .build();
    }

    public StudentRecords store() {
        return store;
    }

    /** The database as a raw driver sees it: no keys, no access decision. */
    public MongoDatabase rawDatabase() {
        return raw.getDatabase(settings().database());
    }

    public EmbeddedStoreProcess process() {
        return process;
    }

    /** Kills the store process hard (SIGKILL), as a crash would. */
    public void crashStoreProcess() {
        closeClients();
        process.kill();
    }

    /** Closes the fixture's store, the process running on, so that nothing writes to its database (to wipe or restore it). */
    public void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** Connects a new store to the running process, after {@link #closeStore()}. */
    public StudentRecords reopenStore() {
        closeStore();
        store = StudentRecords.connect(settings());
        return store;
    }

    /** Starts the store process again on the same data and reconnects. */
    public void restart() {
        closeClients();
        process = EmbeddedStoreProcess.start(dir.resolve("store"));
        connect();
    }

    private void connect() {
        store = StudentRecords.connect(settings());
        raw = MongoClients.create(process.connectionString());
    }

    private void closeClients() {
        if (store != null) {
            store.close();
            store = null;
        }
        if (raw != null) {
            raw.close();
            raw = null;
        }
    }

    @Override
    public void close() {
        closeClients();
        if (process != null) {
            process.stop();
        }
    }
}
