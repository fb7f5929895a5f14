package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    private static final int WRITERS = 4;
    private static final int WRITES_PER_WRITER = 200;

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
                        map.put(key, key);
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
}
