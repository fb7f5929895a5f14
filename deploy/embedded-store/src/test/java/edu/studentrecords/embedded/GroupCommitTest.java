package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    private static final int WRITERS = 4;
    private static final int WRITES_PER_WRITER = 200;
    private static final int COMMITS = 2_000;
    private static final int RECORDS = 5_000;

    @TempDir
    Path folder;

    @Test
    void everyWriteOfConcurrentWritersIsDurableWhenAwaitReturns() throws Exception {
        CrashableStoreFile storeFile = new CrashableStoreFile(folder.resolve("records.mv"));
        MVStore store = storeFile.open();
        MVMap<Integer, Integer> map = store.openMap("writes");
        GroupCommit groupCommit = new GroupCommit(store, false);
        List<Integer> acknowledged = Collections.synchronizedList(new ArrayList<>());

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int first = writer * WRITES_PER_WRITER;
                done.add(writers.submit(() -> {
                    for (int key = first; key < first + WRITES_PER_WRITER; key++) {
                        int written = key;
                        // As the backend writes: never while a commit runs, which may give back the room of the
                        // pages a write is about to replace.
                        groupCommit.duringWrite(() -> map.put(written, written));
                        groupCommit.awaitDurable();
                        acknowledged.add(key);
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }
        CrashableStoreFile.crash(store);

        MVStore reopened = storeFile.open();
        try {
            MVMap<Integer, Integer> survived = reopened.openMap("writes");
            assertThat(acknowledged).hasSize(WRITERS * WRITES_PER_WRITER);
            assertThat(acknowledged).allSatisfy(key -> assertThat(survived.get(key)).isEqualTo(key));
        } finally {
            reopened.close();
        }
    }

    @Test
    void forcingToTheDeviceKeepsWritesToo() {
        CrashableStoreFile storeFile = new CrashableStoreFile(folder.resolve("records.mv"));
        MVStore store = storeFile.open();
        MVMap<Integer, Integer> map = store.openMap("writes");
        GroupCommit groupCommit = new GroupCommit(store, true);

        map.put(1, 1);
        groupCommit.awaitDurable();
        CrashableStoreFile.crash(store);

        MVStore reopened = storeFile.open();
        try {
            assertThat(reopened.<Integer, Integer>openMap("writes").get(1)).isEqualTo(1);
        } finally {
            reopened.close();
        }
    }

    @Test
    void withoutAwaitingTheSameWriteIsLostInACrash() {
        CrashableStoreFile storeFile = new CrashableStoreFile(folder.resolve("records.mv"));
        MVStore store = storeFile.open();
        store.<Integer, Integer>openMap("writes").put(1, 1);

        CrashableStoreFile.crash(store);

        MVStore reopened = storeFile.open();
        try {
            assertThat(reopened.<Integer, Integer>openMap("writes").get(1)).isNull();
        } finally {
            reopened.close();
        }
    }

    @Test
    void theRoomOfReplacedChunksIsWrittenAgainRatherThanTheFileGrowing() throws Exception {
        Path file = folder.resolve("records.mv");
        MVStore store = new CrashableStoreFile(file).open();
        try {
            MVMap<Integer, String> map = store.openMap("writes");
            GroupCommit groupCommit = new GroupCommit(store, false);
            // Each durable write of the same record replaces the last commit's chunk: with H2's 45 seconds of
            // retention the file would grow by at least a block (4 KB) a commit, 8 MB here.
            for (int write = 0; write < COMMITS; write++) {
                map.put(1, "version " + write);
                groupCommit.awaitDurable();
            }
            assertThat(Files.size(file)).isLessThan(COMMITS * 4096L / 8);
        } finally {
            store.close();
        }
    }

    @Test
    void aReadInProgressKeepsTheChunksOfItsVersionWhileCommitsReplaceThem() {
        Path file = folder.resolve("records.mv");
        IntFunction<String> first = key -> "first version of " + key + " ".repeat(200);
        MVStore writing = new CrashableStoreFile(file).open();
        MVMap<Integer, String> filled = writing.openMap("records");
        for (int key = 0; key < RECORDS; key++) {
            filled.put(key, first.apply(key));
        }
        writing.commit();
        writing.close();

        // Opened again without a page cache, so that the read below takes each page from the file when it gets to it
        // (the store's cache would hide a chunk written over only until it drops the page).
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(0).open();
        try {
            MVMap<Integer, String> records = store.openMap("records");
            GroupCommit groupCommit = new GroupCommit(store, false);
            List<String> seen = groupCommit.duringRead(() -> {
                List<String> values = new ArrayList<>();
                Iterator<String> scan = records.values().iterator();
                values.add(scan.next());
                // Meanwhile every record is written again, commit after commit, and housekeeping moves what else the
                // first chunk held: the chunks the scan has yet to read no longer hold a page in use, and the commits
                // that follow would write over them.
                StoreHousekeeping housekeeping = StoreHousekeeping.manual(store, groupCommit);
                for (int round = 0; round < 3; round++) {
                    for (int key = 0; key < RECORDS; key += 50) {
                        for (int k = key; k < Math.min(key + 50, RECORDS); k++) {
                            records.put(k, "round " + round + " of " + k + " ".repeat(200));
                        }
                        groupCommit.awaitDurable();
                    }
                    housekeeping.runOnce();
                }
                scan.forEachRemaining(values::add);
                return values;
            });
            assertThat(seen).hasSize(RECORDS);
            for (int key = 0; key < RECORDS; key++) {
                assertThat(seen.get(key)).isEqualTo(first.apply(key));
            }
        } finally {
            store.close();
        }
    }
}
