package edu.studentrecords.store.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;

/**
 * A MongoDB engine the store's contract tests run against: the embedded store process here, a real replica set where
 * a Docker engine is. Whatever it is, the store reaches it through a connection string and the real driver.
 */
public interface StoreUnderTest {

    /** The settings a store of this engine uses: its connection string, write and read concerns, keys. */
    StoreSettings settings();

    /**
     * A new client as the product builds it ({@link StudentRecords#clientSettings}), plus what this engine needs to
     * be reached from the test's JVM; the listeners see every command it sends. Closed with the engine.
     */
    MongoClient newClient(CommandListener... listeners);

    /** The store's database as a raw driver sees it: no keys, no access decision. */
    MongoDatabase rawDatabase();

    /** Whether the engine explains its query plans (a real mongod does; the embedded store cannot). */
    boolean explainsPlans();

    /** A store on a client of its own, as another Keycloak node would have; the caller closes the store. */
    default StudentRecords connect(CommandListener... listeners) {
        return StudentRecords.using(settings(), newClient(listeners));
    }
}
