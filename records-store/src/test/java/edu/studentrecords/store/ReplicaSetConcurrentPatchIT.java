package edu.studentrecords.store;

import edu.studentrecords.store.testing.RealMongoDB;
import edu.studentrecords.store.testing.ReplicaSetStore;
import edu.studentrecords.store.testing.StoreUnderTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent writers against a real three-member MongoDB replica set, where writes to one record really run in
 * parallel (the embedded store serializes writes to a collection). Runs where a Docker engine is.
 */
@RealMongoDB
class ReplicaSetConcurrentPatchIT extends ConcurrentPatchContract {

    @RegisterExtension
    static final ReplicaSetStore REPLICA_SET = new ReplicaSetStore();

    @Override
    StoreUnderTest target() {
        return REPLICA_SET;
    }
}
