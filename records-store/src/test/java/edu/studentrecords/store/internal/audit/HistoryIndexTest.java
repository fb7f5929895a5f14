package edu.studentrecords.store.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEventBuilder;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.testing.InProcessMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HistoryIndexTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    private static final Instant T0 = Instant.parse("2026-09-01T08:00:00Z");

    @Test
    void keysOfDifferentRecordsNeverCollide() {
        assertThat(HistoryIndex.bucketKey("a/b", 0)).isNotEqualTo(HistoryIndex.bucketKey("a%2Fb", 0));
        assertThat(HistoryIndex.directoryKey("a/b")).doesNotContain("/");
        assertThat(HistoryIndex.bucketKey("rec-1", 3)).isEqualTo("rec-1/0000000000000000003");
    }

    @Test
    void aRecordsDirectoryIsWrittenOncePerBucketAndItsEntriesAreFoundAcrossBuckets() {
        UpdatedKeys updated = new UpdatedKeys();
        String name = "history_" + System.nanoTime();
        MongoCollection<Document> collection = MONGO.newClient(updated)
                .getDatabase(InProcessMongo.freshDatabaseName()).getCollection(name);
        HistoryIndex index = new HistoryIndex(collection);
        String record = "5f0c8a52-9a3e-4d7e-9d55-3c1f3b0a7e21";
        String directory = HistoryIndex.directoryKey(record);

        index.add(List.of(entry(1, record)), true);
        assertThat(updated.take()).containsExactlyInAnyOrder(HistoryIndex.bucketKey(record, 0), directory);
        // More entries in the same bucket: the bucket takes them, the directory already lists it.
        index.add(List.of(entry(2, record), entry(3, record)), true);
        assertThat(updated.take()).containsExactly(HistoryIndex.bucketKey(record, 0));
        // An entry in the next bucket: the directory is written again, to list it.
        long next = HistoryIndex.BUCKET_WIDTH + 5;
        index.add(List.of(entry(next, record)), true);
        assertThat(updated.take()).containsExactlyInAnyOrder(HistoryIndex.bucketKey(record, 1), directory);
        assertThat(index.sequencesOf(record, null, null, 0, 10)).containsExactly(next, 3L, 2L, 1L);

        // Another process (or this one after a restart) knows nothing yet: it writes the directory once, harmlessly.
        HistoryIndex restarted = new HistoryIndex(collection);
        restarted.add(List.of(entry(4, record)), true);
        assertThat(updated.take()).containsExactlyInAnyOrder(HistoryIndex.bucketKey(record, 0), directory);
        assertThat(restarted.sequencesOf(record, null, null, 0, 10)).containsExactly(next, 4L, 3L, 2L, 1L);
        assertThat(collection.find(new Document("_id", directory)).first().getList("b", Object.class)).hasSize(2);
    }

    @Test
    void aLargeBatchIsWrittenInShortCommandsAndEveryEntryIsFound() {
        UpdatedKeys updated = new UpdatedKeys();
        MongoCollection<Document> collection = MONGO.newClient(updated)
                .getDatabase(InProcessMongo.freshDatabaseName()).getCollection("history_" + System.nanoTime());
        HistoryIndex index = new HistoryIndex(collection);
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            entries.add(entry(i, String.format("5f0c8a52-9a3e-4d7e-9d55-%012d", i)));
        }

        index.add(entries, true);

        // A bucket and a directory per record: 200 upserts, none of them in a command longer than the bound.
        assertThat(updated.take()).hasSize(200);
        assertThat(updated.commandSizes()).hasSize(200 / HistoryIndex.WRITES_PER_COMMAND + 1)
                .allSatisfy(size -> assertThat(size).isBetween(1, HistoryIndex.WRITES_PER_COMMAND));
        for (int i = 1; i <= 100; i++) {
            assertThat(index.sequencesOf(String.format("5f0c8a52-9a3e-4d7e-9d55-%012d", i), null, null, 0, 10))
                    .containsExactly((long) i);
        }
    }

    @Test
    void onlyTheLastCommandIsJournaledAndOnlyWhenAskedOrWhenItListsNewBuckets() {
        UpdatedKeys updated = new UpdatedKeys();
        MongoCollection<Document> collection = MONGO.newClient(updated)
                .getDatabase(InProcessMongo.freshDatabaseName()).getCollection("history_" + System.nanoTime())
                .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        HistoryIndex index = new HistoryIndex(collection);
        List<AuditEntry> first = new ArrayList<>();
        List<AuditEntry> again = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String record = String.format("5f0c8a52-9a3e-4d7e-9d55-%012d", i);
            first.add(entry(i, record));
            again.add(entry(100 + i, record));
        }

        // New records: their directories list new buckets, which this process then remembers, so the batch ends
        // journaled even when not asked to.
        index.add(first, false);
        assertJournaledLastOnly(updated.journals(), 80 / HistoryIndex.WRITES_PER_COMMAND);
        // The same buckets again: nothing is listed, so nothing is journaled; the anchor's write will be.
        index.add(again, false);
        assertThat(updated.journals()).hasSize(40 / HistoryIndex.WRITES_PER_COMMAND + 1).containsOnly(false);
        // Asked for: the last command is journaled, and only it.
        index.add(again, true);
        assertJournaledLastOnly(updated.journals(), 40 / HistoryIndex.WRITES_PER_COMMAND + 1);
        // Every write of every command was applied all the same.
        updated.take();
        for (int i = 1; i <= 40; i++) {
            assertThat(index.sequencesOf(String.format("5f0c8a52-9a3e-4d7e-9d55-%012d", i), null, null, 0, 10))
                    .containsExactly(100L + i, (long) i);
        }
    }

    private static void assertJournaledLastOnly(List<Boolean> journals, int commands) {
        assertThat(journals).hasSize(commands);
        assertThat(journals.get(commands - 1)).as("the last command's j").isTrue();
        assertThat(journals.subList(0, commands - 1)).as("the other commands' j").containsOnly(false);
    }

    private static AuditEntry entry(long sequence, String recordId) {
        return AuditEntry.of(sequence, T0.plusSeconds(sequence),
                AuditEventBuilder.builder().subject("user-1").clientId("library-app").recordId(recordId)
                        .operation("READ").decision(Decision.ALLOW).build(),
                "0".repeat(64), "1".repeat(64));
    }

    /** The {@code _id}s that update commands name, in the order sent, and how many updates each command held. */
    private static final class UpdatedKeys implements CommandListener {
        private final List<String> keys = new CopyOnWriteArrayList<>();
        private final List<Integer> commandSizes = new CopyOnWriteArrayList<>();
        private final List<Boolean> journals = new CopyOnWriteArrayList<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (!"update".equals(event.getCommandName())) {
                return;
            }
            commandSizes.add(event.getCommand().getArray("updates").size());
            BsonDocument writeConcern = event.getCommand().getDocument("writeConcern", new BsonDocument());
            journals.add(writeConcern.containsKey("j") ? writeConcern.getBoolean("j").getValue() : null);
            for (BsonValue update : event.getCommand().getArray("updates")) {
                BsonDocument filter = update.asDocument().getDocument("q");
                keys.add(filter.getString("_id").getValue());
            }
        }

        List<String> take() {
            List<String> taken = new ArrayList<>(keys);
            keys.clear();
            return taken;
        }

        /** Each update command's {@code j} since the last call, null where it had none. */
        List<Boolean> journals() {
            List<Boolean> taken = new ArrayList<>(journals);
            journals.clear();
            return taken;
        }

        List<Integer> commandSizes() {
            return List.copyOf(commandSizes);
        }
    }
}
