package edu.studentrecords.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * A store file opened in this JVM that a test can "crash": closing it without writing anything loses
 * exactly what a killed process would lose.
 */
final class CrashableStoreFile {

    private final Path file;

    CrashableStoreFile(Path file) {
        this.file = file;
    }

    /** Opens the file as the store process does: only explicit commits write it. */
    MVStore open() {
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    }

    /** Drops everything not yet written, as a crash of the process would. */
    static void crash(MVStore store) {
        store.closeImmediately();
    }

    /** Reopens the file after a crash and counts the documents of a collection, 0 if it does not exist. */
    int countAfterRestart(String database, String collection) {
        H2Backend backend = new StoreBackend(open());
        try {
            MongoCollection<?> found = backend.resolveDatabase(database).resolveCollection(collection, false);
            return found == null ? 0 : found.count();
        } finally {
            backend.close();
        }
    }
}
