package edu.studentrecords.store;

import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.testing.StoreUnderTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Purge requests with four-eyes approval, against a real embedded store process: runs in every build. */
class PurgeRequestsIT extends PurgeRequestsContract {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    @Override
    StoreUnderTest target() {
        return STORE;
    }
}
