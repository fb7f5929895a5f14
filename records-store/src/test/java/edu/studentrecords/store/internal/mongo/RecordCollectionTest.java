package edu.studentrecords.store.internal.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.testing.InProcessMongo;
import edu.studentrecords.store.testing.StartedCommands;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records written together (a taken key refuses only its own record; the keys in use found in one query per key) and
 * written by version.
 */
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

    @Test
    void aWriteByVersionFindsItsRecordByOneIndexedKeyAndARecordStoredWithoutThatKeyGetsIt() {
        StartedCommands started = new StartedCommands();
        RecordCollection records = new RecordCollection(MONGO.newClient(started)
                .getDatabase(InProcessMongo.freshDatabaseName()).getCollection("records"));
        records.createIndexes();
        // "a" as the store writes records now; "old" as it wrote them before they had the key.
        records.insertAll(List.of(at(record("a", "S1", "rid-1", null), "a", 1),
                record("old", "S2", "rid-2", null).append(RecordCodec.VERSION, 1L)));
        started.clear();

        assertThat(records.replaceIfVersion(at(record("a", "S1", "rid-1", null), "a", 2), 1)).isTrue();
        // The embedded engine answers a filter of one indexed key from its index, and scans for {_id, v}.
        assertThat(updateFilters(started)).hasSize(1)
                .allSatisfy(q -> assertThat(q.keySet()).containsExactly(RecordCodec.ID_AT_VERSION));
        assertThat(records.replaceIfVersion(at(record("a", "S1", "rid-1", null), "a", 3), 1)).as("stale").isFalse();
        assertThat(records.replaceIfVersion(at(record("gone", "S9", "rid-9", null), "gone", 2), 1)).as("gone").isFalse();
        assertThat(records.find("a").orElseThrow().getLong(RecordCodec.VERSION)).isEqualTo(2L);

        assertThat(records.replaceIfVersion(at(record("old", "S2", "rid-2", null), "old", 2), 1)).isTrue();
        assertThat(records.replaceIfVersion(at(record("old", "S2", "rid-2", null), "old", 3), 1)).as("stale").isFalse();
        started.clear();
        assertThat(records.replaceIfVersion(at(record("old", "S2", "rid-2", null), "old", 3), 2)).isTrue();
        assertThat(updateFilters(started)).hasSize(1);
        assertThat(records.find("old").orElseThrow().getString(RecordCodec.ID_AT_VERSION)).isEqualTo("old@3");

        assertThatThrownBy(() -> records.replaceIfVersion(at(record("a", "S2", "rid-1", null), "a", 3), 2))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("profile.studentNumber"));
        assertThat(records.find("a").orElseThrow().getLong(RecordCodec.VERSION)).isEqualTo(2L);
    }

    /** The filter of the first change of each {@code update} started. */
    private static List<BsonDocument> updateFilters(StartedCommands started) {
        return started.named("update").stream()
                .map(update -> update.getArray("updates").get(0).asDocument().getDocument("q")).toList();
    }

    private static Document at(Document doc, String id, long version) {
        return doc.append(RecordCodec.VERSION, version).append(RecordCodec.ID_AT_VERSION,
                RecordCodec.idAtVersion(id, version));
    }

    private static Document record(String id, String studentNumber, String residentIdHash, String owner) {
        Document doc = new Document(RecordCodec.ID, id).append(RecordCodec.PROFILE, new Document("studentNumber",
                studentNumber)).append(RecordCodec.RESIDENT_ID_HASH, residentIdHash);
        return owner == null ? doc : doc.append(RecordCodec.OWNER, owner);
    }
}
