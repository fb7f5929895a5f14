package edu.studentrecords.keycloak.spi;

import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.store.StudentRecords;
import java.util.function.Function;

/**
 * What this node keeps open for one realm: its record store and the search index fed by that store's change feed.
 * Opened together, so that once a realm is in use its index follows every committed write.
 *
 * @param store the realm's store
 * @param index the realm's search index on this node
 */
record RealmRecords(StudentRecords store, StudentSearchIndex index) implements AutoCloseable {

    /** Opens the store and then its index; a store whose index cannot be opened is closed again. */
    static RealmRecords open(StudentRecords store, Function<StudentRecords, StudentSearchIndex> indexOf) {
        try {
            return new RealmRecords(store, indexOf.apply(store));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Closes the index first: it stops consuming the store's feed before the store goes. */
    @Override
    public void close() {
        try {
            index.close();
        } finally {
            store.close();
        }
    }
}
