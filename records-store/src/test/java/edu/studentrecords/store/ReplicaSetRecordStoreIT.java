package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.testing.RealMongoDB;
import edu.studentrecords.store.testing.ReplicaSetStore;
import edu.studentrecords.store.testing.StoreUnderTest;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's contract against a real three-member MongoDB replica set, written with {@code w:majority, j:true} and
 * read with {@code majority}; every query the contract made the store send is explained on the server and must not
 * scan a collection. Runs where a Docker engine is; skipped with its reason elsewhere.
 */
@RealMongoDB
class ReplicaSetRecordStoreIT extends RecordStoreContract {

    @RegisterExtension
    static final ReplicaSetStore REPLICA_SET = new ReplicaSetStore();

    @Override
    StoreUnderTest target() {
        return REPLICA_SET;
    }

    @Test
    @Order(0)
    void theStoreRunsOnThreeHealthyMembersWritingWithMajorityAndJournal() {
        Document status = REPLICA_SET.status();
        assertThat(status.getList("members", Document.class)).hasSize(3)
                .allSatisfy(member -> assertThat(member.get("health", Number.class).intValue()).isEqualTo(1))
                .extracting(member -> member.getString("stateStr"))
                .containsExactlyInAnyOrder("PRIMARY", "SECONDARY", "SECONDARY");
        assertThat(REPLICA_SET.settings().writeConcern().getWString()).isEqualTo("majority");
        assertThat(REPLICA_SET.settings().writeConcern().getJournal()).isTrue();
        assertThat(REPLICA_SET.settings().readConcern().getLevel()).hasToString("MAJORITY");
    }
}
