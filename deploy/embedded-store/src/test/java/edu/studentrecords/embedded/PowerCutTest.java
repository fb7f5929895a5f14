package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store that forces every commit to the device ({@code --durability fsync}, what production runs): the power fails in
 * the middle of a later commit, and the disk keeps, loses or tears each block written since the last force
 * ({@link PowerCutFilePath}); housekeeping rounds run meanwhile. The file opens again with every acknowledged write,
 * each record with its index entry. The same for a store that does not force its commits ({@code --durability
 * commit}) when its process dies in the middle of a later commit.
 */
class PowerCutTest {

    private static final int RECORDS = 300;
    private static final int WRITES_A_ROUND = 25;

    @TempDir
    Path folder;

    @AfterEach
    void powerOn() {
        PowerCutFilePath.restore();
    }

    static IntStream rounds() {
        return IntStream.rangeClosed(1, 40);
    }

    /** More rounds for a crash: without {@link GroupCommit#VERSIONS_KEPT}, 7 of these 600 lose acknowledged writes. */
    static IntStream crashRounds() {
        return IntStream.rangeClosed(1, 600);
    }

    @ParameterizedTest(name = "round {0}")
    @MethodSource("rounds")
    void everyAcknowledgedWriteSurvivesAPowerCutDuringALaterCommit(int round) {
        Random random = new Random(round);
        // Each acknowledged write was forced to the device before it was acknowledged.
        everyAcknowledgedWriteSurvives(true, random, () -> PowerCutFilePath.cutAtWrite(300 + random.nextInt(700), random));
    }

    /**
     * {@code --durability commit}, what development runs: no force, and the room of replaced chunks written over
     * without H2's retention time. The process dies at a write in a later commit: the file keeps every write before it
     * whole (the operating system has them) and none after. A commit writes its chunk and then, when the chain of
     * chunks from the file's header would otherwise lead through room written over, the header: dying in between must
     * not leave the header leading to an older version than the last acknowledged one.
     */
    @ParameterizedTest(name = "round {0}")
    @MethodSource("crashRounds")
    void everyAcknowledgedWriteSurvivesACrashOfTheProcessDuringALaterCommit(int round) {
        Random random = new Random(round);
        everyAcknowledgedWriteSurvives(false, random, () -> PowerCutFilePath.crashAtWrite(300 + random.nextInt(700)));
    }

    private void everyAcknowledgedWriteSurvives(boolean forceToDevice, Random random, Runnable armTheCut) {
        Path file = folder.resolve("records.mv");
        // Each record's last acknowledged write.
        Map<Integer, Integer> acknowledged = new HashMap<>();
        int writes = 0;
        int inFlightRecord = -1;
        MVStore store = new MVStore.Builder().fileName(PowerCutFilePath.nameOf(file)).autoCommitDisabled().open();
        try {
            GroupCommit groupCommit = new GroupCommit(store, forceToDevice);
            StoreHousekeeping housekeeping = StoreHousekeeping.manual(store, groupCommit);
            MVMap<Integer, byte[]> records = store.openMap("records");
            MVMap<Integer, Integer> versions = store.openMap("versions");
            // The cut falls somewhere in the writes after the first few hundred commits.
            armTheCut.run();
            while (true) {
                int record = random.nextInt(RECORDS);
                int version = ++writes;
                inFlightRecord = record;
                // A record and its index entry change together, as a document and its unique index do.
                groupCommit.duringWrite(() -> {
                    records.put(record, value(version, 200 + random.nextInt(3_000)));
                    return versions.put(record, version);
                });
                groupCommit.awaitDurable();
                acknowledged.put(record, version);
                inFlightRecord = -1;
                if (writes % WRITES_A_ROUND == 0) {
                    housekeeping.runOnce();
                }
            }
        } catch (MVStoreException e) {
            assertThat(PowerCutFilePath.isOff()).as("the store failed before the cut: %s", e).isTrue();
        } finally {
            store.closeImmediately();
        }
        PowerCutFilePath.restore();

        MVStore reopened = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        try {
            MVMap<Integer, byte[]> records = reopened.openMap("records");
            MVMap<Integer, Integer> versions = reopened.openMap("versions");
            assertThat(acknowledged).as("writes acknowledged before the cut").isNotEmpty();
            for (int record = 0; record < RECORDS; record++) {
                Integer last = acknowledged.get(record);
                // The write under way at the cut was not acknowledged: it may or may not be there.
                List<Integer> allowed = new ArrayList<>();
                if (last != null) {
                    allowed.add(last);
                }
                if (record == inFlightRecord) {
                    allowed.add(writes);
                }
                Integer kept = versions.get(record);
                if (last == null && kept == null) {
                    assertThat(records.get(record)).as("record %d without its index entry", record).isNull();
                    continue;
                }
                assertThat(kept).as("record %d (last acknowledged write %s)", record, last).isIn(allowed);
                assertThat(ByteBuffer.wrap(records.get(record)).getInt()).as("record %d", record).isEqualTo(kept);
            }
        } finally {
            reopened.close();
        }
    }

    private static byte[] value(int version, int length) {
        return ByteBuffer.allocate(length).putInt(version).array();
    }
}
