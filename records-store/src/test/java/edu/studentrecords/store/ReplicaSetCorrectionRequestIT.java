package edu.studentrecords.store;

import edu.studentrecords.store.testing.RealMongoDB;
import edu.studentrecords.store.testing.ReplicaSetStore;
import edu.studentrecords.store.testing.StoreUnderTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Correction requests, against a real three-member MongoDB replica set. Runs where a Docker engine is. */
@RealMongoDB
class ReplicaSetCorrectionRequestIT extends CorrectionRequestContract {

    @RegisterExtension
    static final ReplicaSetStore REPLICA_SET = new ReplicaSetStore();

    @Override
    StoreUnderTest target() {
        return REPLICA_SET;
    }
}
