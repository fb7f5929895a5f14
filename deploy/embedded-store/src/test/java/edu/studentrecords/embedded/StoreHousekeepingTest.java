package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How big the store file gets when every write is a commit of its own, as under the wire protocol's durable writes:
 * 2,000 records of 1,000 bytes (2 MB of data), then 3,000 updates of random records, each acknowledged alone, with and
 * without housekeeping rounds.
 */
class StoreHousekeepingTest {

    private static final int RECORDS = 2_000;
    private static final int RECORD_BYTES = 1_000;
    private static final int UPDATES = 3_000;
    /** A round of housekeeping every this many writes (the running store has one a second). */
    private static final int WRITES_A_ROUND = 100;

    @TempDir
    Path folder;

    @Test
    void housekeepingMovesThePagesInUseOutOfSparseChunksAndTheFileStaysNearItsData() throws Exception {
        FileAfterWrites without = churn(folder.resolve("without.mv"), false);
        FileAfterWrites with = churn(folder.resolve("with.mv"), true);

        // Measured: about 5.4 MB and 97 chunks against 13 MB and 527 chunks, 38% of the chunks' room in use against 18%.
        assertThat(with.bytes()).isLessThan(without.bytes() * 6 / 10);
        assertThat(with.chunks()).isLessThan(without.chunks() / 2);
        assertThat(with.fillPercent()).isGreaterThan(without.fillPercent());
    }

    @Test
    void aRoundCommitsWhatWritesWithoutTheJournalLeftUncommitted() {
        CrashableStoreFile file = new CrashableStoreFile(folder.resolve("unjournaled.mv"));
        MVStore store = file.open();
        StoreHousekeeping rounds = StoreHousekeeping.manual(store, new GroupCommit(store, false));
        MVMap<String, String> anchors = store.openMap("anchors");
        anchors.put("head", "1");
        store.commit();
        // Applied, acknowledged, not committed: what a write with j: false leaves.
        anchors.put("head", "2");

        assertThat(rounds.runOnce()).as("pages moved").isFalse();
        assertThat(store.hasUnsavedChanges()).isFalse();
        CrashableStoreFile.crash(store);

        MVStore reopened = file.open();
        try {
            assertThat(reopened.<String, String>openMap("anchors").get("head")).isEqualTo("2");
        } finally {
            reopened.close();
        }
    }

    @Test
    void withoutARoundTheSameWriteIsLostInACrash() {
        CrashableStoreFile file = new CrashableStoreFile(folder.resolve("lost.mv"));
        MVStore store = file.open();
        MVMap<String, String> anchors = store.openMap("anchors");
        anchors.put("head", "1");
        store.commit();
        anchors.put("head", "2");

        CrashableStoreFile.crash(store);

        MVStore reopened = file.open();
        try {
            assertThat(reopened.<String, String>openMap("anchors").get("head")).isEqualTo("1");
        } finally {
            reopened.close();
        }
    }

    private record FileAfterWrites(long bytes, int chunks, int fillPercent) {
    }

    /**
     * Writes the records and the updates, closes the store, and checks every record's last value in the reopened file.
     * H2 leaves a chunk alone for its retention time (45 s) after writing it, which a store forcing its commits keeps;
     * the test sets it to 0, as if every chunk were already that old, so that it need not wait.
     */
    private static FileAfterWrites churn(Path file, boolean housekeeping) throws Exception {
        int[] lastUpdate = new int[RECORDS];
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        store.setRetentionTime(0);
        FileAfterWrites after;
        try {
            GroupCommit groupCommit = new GroupCommit(store, true);
            StoreHousekeeping rounds = StoreHousekeeping.manual(store, groupCommit);
            MVMap<Integer, byte[]> records = store.openMap("records");
            for (int i = 0; i < RECORDS; i++) {
                records.put(i, value(0));
            }
            groupCommit.awaitDurable();
            Random random = new Random(7);
            for (int update = 1; update <= UPDATES; update++) {
                int record = random.nextInt(RECORDS);
                records.put(record, value(update));
                lastUpdate[record] = update;
                groupCommit.awaitDurable();
                if (housekeeping && update % WRITES_A_ROUND == 0) {
                    rounds.runOnce();
                }
            }
            after = new FileAfterWrites(Files.size(file), store.getLayoutMap().size(),
                store.getFileStore().getChunksFillRate());
        } finally {
            store.close();
        }
        MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            MVMap<Integer, byte[]> records = reopened.openMap("records");
            assertThat(records.size()).isEqualTo(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                assertThat(ByteBuffer.wrap(records.get(i)).getInt()).as("record %d", i).isEqualTo(lastUpdate[i]);
            }
        } finally {
            reopened.close();
        }
        return after;
    }

    private static byte[] value(int update) {
        return ByteBuffer.allocate(RECORD_BYTES).putInt(update).array();
    }
}
