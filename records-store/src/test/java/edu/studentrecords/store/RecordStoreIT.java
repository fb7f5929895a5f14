package edu.studentrecords.store;

import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.testing.StoreUnderTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store's contract against a real embedded store process: runs in every build. */
class RecordStoreIT extends RecordStoreContract {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    @Override
    StoreUnderTest target() {
        return STORE;
    }
}
