package edu.studentrecords.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * The H2 file backend of mongo-java-server with its unique indexes in {@link IndexKeyType}'s order
 * ({@link StoreDatabase}). Opening a file written by the stock backend re-sorts its indexes once; the file can then no
 * longer be opened by the stock backend.
 *
 * <p>The store must not commit in the background while the backend is constructed (open it with auto-commit
 * disabled, and enable it afterwards if wanted): the constructor opens every database, re-sorting stock indexes in
 * memory, and then commits them in one step.
 */
class StoreBackend extends H2Backend {

    StoreBackend(MVStore store) {
        super(store);
        store.commit();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, getMvStore(), getCursorRegistry());
    }
}
