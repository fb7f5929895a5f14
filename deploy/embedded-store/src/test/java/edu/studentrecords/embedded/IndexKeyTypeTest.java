package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class IndexKeyTypeTest {

    private final IndexKeyType type = IndexKeyType.INSTANCE;

    @Test
    void aKeyIsReadBackAsItWasWritten() {
        List<KeyValue> keys = List.of(
            new KeyValue(UUID.randomUUID().toString()),
            new KeyValue(42L),
            new KeyValue(7),
            new KeyValue(2.5),
            new KeyValue(true),
            new KeyValue(Missing.getInstance()),
            new KeyValue(new Document("unit", "science").append("year", 2024)),
            new KeyValue("r-17@3", 3L, "G000123"));
        WriteBuffer buffer = new WriteBuffer();
        keys.forEach(key -> type.write(buffer, key));
        ByteBuffer written = buffer.getBuffer();
        written.flip();

        List<KeyValue> read = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            read.add(type.read(written));
        }

        // Missing is read back as another instance of its class, as with H2's stock type: equal by the order only.
        for (int i = 0; i < keys.size(); i++) {
            assertThat(type.compare(read.get(i), keys.get(i))).as("%s", keys.get(i)).isZero();
            if (!(keys.get(i).get(0) instanceof Missing)) {
                assertThat(read.get(i)).isEqualTo(keys.get(i));
            }
        }
        assertThat(written.hasRemaining()).isFalse();
    }

    @Test
    void keysAreOrderedFieldByFieldByTheirValues() {
        assertThat(type.compare(new KeyValue("a"), new KeyValue("b"))).isNegative();
        assertThat(type.compare(new KeyValue(9L), new KeyValue(10L))).isNegative();
        assertThat(type.compare(new KeyValue("a", 2L), new KeyValue("a", 1L))).isPositive();
        assertThat(type.compare(new KeyValue("a"), new KeyValue("a", 1L))).isNegative();
        assertThat(type.compare(new KeyValue("same", 1L), new KeyValue("same", 1L))).isZero();
        assertThat(type.compare(new KeyValue(Missing.getInstance()), new KeyValue(Missing.getInstance()))).isZero();
    }

    @Test
    void theOrderIsATotalOrderThatAgreesWithEquality() {
        Random random = new Random(5);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Object value = switch (random.nextInt(4)) {
                case 0 -> "s" + random.nextInt(40);
                case 1 -> (long) random.nextInt(40);
                case 2 -> random.nextInt(40);
                default -> Missing.getInstance();
            };
            keys.add(random.nextBoolean() ? new KeyValue(value) : new KeyValue(value, "k" + random.nextInt(3)));
        }
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int ab = Integer.signum(type.compare(a, b));
                assertThat(ab).as("%s against %s", a, b).isEqualTo(-Integer.signum(type.compare(b, a)));
                assertThat(ab == 0).as("%s against %s", a, b).isEqualTo(a.equals(b));
                for (KeyValue c : keys.subList(0, 30)) {
                    if (ab <= 0 && type.compare(b, c) <= 0) {
                        assertThat(type.compare(a, c)).as("%s, %s, %s", a, b, c).isNotPositive();
                    }
                }
            }
        }
    }

    @Test
    void threadsComparingKeysOfDifferentTypesAtOnceGetTheSameAnswersAsOneThreadAlone() throws Exception {
        // ObjectDataType's comparison remembers the last type it met: shared by threads comparing object ids, strings
        // and numbers at once, it failed now and then with "Can not compare" (the raw insert of the campus benchmark,
        // whose documents' ids the driver makes, found it).
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            // Even places: kept by H2 as serialised objects; odd places: strings and numbers, which it knows.
            keys.add(new KeyValue(new ObjectId()));
            keys.add(new KeyValue("s" + i));
            keys.add(new KeyValue(new Document("n", i)));
            keys.add(new KeyValue((long) i));
        }
        int[][] alone = new int[keys.size()][keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            for (int j = 0; j < keys.size(); j++) {
                alone[i][j] = Integer.signum(type.compare(keys.get(i), keys.get(j)));
            }
        }
        // Half the threads compare ids and documents (serialised objects to H2); the others size and write strings and
        // numbers, as the store's commits and page cache do, so that the type remembered keeps changing under the
        // first half.
        int threadCount = 8;
        int operations = 300_000;
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                int seed = t;
                boolean comparing = t % 2 == 0;
                done.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    WriteBuffer buffer = new WriteBuffer();
                    int operated = 0;
                    for (int n = 0; n < operations; n++) {
                        if (comparing) {
                            int i = 2 * random.nextInt(keys.size() / 2);
                            int j = 2 * random.nextInt(keys.size() / 2);
                            assertThat(Integer.signum(type.compare(keys.get(i), keys.get(j)))).isEqualTo(alone[i][j]);
                        } else {
                            KeyValue key = keys.get(2 * random.nextInt(keys.size() / 2) + 1);
                            assertThat(type.getMemory(key)).isPositive();
                            buffer.clear();
                            type.write(buffer, key);
                        }
                        operated++;
                    }
                    return operated;
                }));
            }
            for (Future<Integer> thread : done) {
                assertThat(thread.get()).isEqualTo(operations);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
