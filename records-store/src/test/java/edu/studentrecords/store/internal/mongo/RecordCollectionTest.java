package edu.studentrecords.store.internal.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.testing.InProcessMongo;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Records written together: a taken key refuses only its own record, and the keys in use are found in one query. */
class RecordCollectionTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    @Test
    void aRecordWhoseKeyIsTakenIsLeftOutAndTheOthersAreWritten() {
        RecordCollection records = new RecordCollection(MONGO.newDatabase().getCollection("records"));
        records.createIndexes();
        assertThat(records.insertAll(List.of(record("a", "S1", "rid-1", "user-1")))).containsExactly((StoreException) null);

        List<StoreException> refused = records.insertAll(List.of(record("b", "S2", "rid-2", null),
                record("c", "S1", "rid-3", null), record("d", "S4", "rid-1", null), record("e", "S5", "rid-5", "user-1"),
                record("f", "S6", "rid-6", null)));

        assertThat(refused.get(0)).isNull();
        assertThat(refused.get(1).errors()).extracting(FieldError::field).containsExactly("profile.studentNumber");
        assertThat(refused.get(2).errors()).extracting(FieldError::field).containsExactly("identity.residentIdNumber");
        assertThat(refused.get(3).errors()).extracting(FieldError::field).containsExactly("owner");
        assertThat(refused.get(4)).isNull();
        assertThat(records.find("b")).isPresent();
        assertThat(records.find("f")).isPresent();
        assertThat(List.of("c", "d", "e")).allSatisfy(id -> assertThat(records.find(id)).isEmpty());

        assertThat(records.studentNumbersTaken(List.of("S1", "S2", "S3", "S6"))).isEqualTo(Set.of("S1", "S2", "S6"));
        assertThat(records.residentIdHashesTaken(List.of("rid-1", "rid-3"))).isEqualTo(Set.of("rid-1"));
        assertThat(records.ownersTaken(List.of("user-1", "user-2"))).isEqualTo(Set.of("user-1"));
        assertThat(records.ownersTaken(List.of())).isEmpty();
    }

    private static Document record(String id, String studentNumber, String residentIdHash, String owner) {
        Document doc = new Document(RecordCodec.ID, id).append(RecordCodec.PROFILE, new Document("studentNumber",
                studentNumber)).append(RecordCodec.RESIDENT_ID_HASH, residentIdHash);
        return owner == null ? doc : doc.append(RecordCodec.OWNER, owner);
    }
}
