package edu.studentrecords.store.internal.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.testing.InProcessMongo;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
    void aWriteByVersionIsAskedAsFindAndModifySoTheEmbeddedEngineFindsItByItsIndex() {
        List<String> commands = new CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.add(event.getCommandName());
            }
        };
        RecordCollection records = new RecordCollection(MONGO.newClient(listener)
                .getDatabase(InProcessMongo.freshDatabaseName()).getCollection("records"));
        records.createIndexes();
        records.insertAll(List.of(record("a", "S1", "rid-1", null).append(RecordCodec.VERSION, 1L),
                record("b", "S2", "rid-2", null).append(RecordCodec.VERSION, 1L)));
        commands.clear();

        assertThat(records.replaceIfVersion(record("a", "S1", "rid-1", null).append(RecordCodec.VERSION, 2L), 1)).isTrue();
        assertThat(records.replaceIfVersion(record("a", "S1", "rid-1", null).append(RecordCodec.VERSION, 3L), 1))
                .as("stale").isFalse();
        assertThat(records.replaceIfVersion(record("gone", "S9", "rid-9", null).append(RecordCodec.VERSION, 2L), 1))
                .as("no such record").isFalse();
        assertThatThrownBy(() -> records.replaceIfVersion(
                record("b", "S1", "rid-2", null).append(RecordCodec.VERSION, 2L), 1))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("profile.studentNumber"));

        assertThat(records.find("a").orElseThrow().getLong(RecordCodec.VERSION)).isEqualTo(2L);
        assertThat(records.find("b").orElseThrow().get(RecordCodec.PROFILE, Document.class).getString("studentNumber"))
                .isEqualTo("S2");
        // An update or replace whose filter names the version besides the _id makes the embedded engine scan every
        // record (seconds a write at 100,000 records on its file backend); a findAndModify is looked up by _id.
        assertThat(commands).filteredOn(name -> !name.equals("find")).containsOnly("findAndModify");
    }

    private static Document record(String id, String studentNumber, String residentIdHash, String owner) {
        Document doc = new Document(RecordCodec.ID, id).append(RecordCodec.PROFILE, new Document("studentNumber",
                studentNumber)).append(RecordCodec.RESIDENT_ID_HASH, residentIdHash);
        return owner == null ? doc : doc.append(RecordCodec.OWNER, owner);
    }
}
