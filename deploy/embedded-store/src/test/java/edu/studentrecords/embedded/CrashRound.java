package edu.studentrecords.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One round of the crash test: a writer process writes to a store process, the store is killed with
 * SIGKILL at a given moment, and the round reports every write the writer saw acknowledged.
 */
final class CrashRound {

    private static final long WRITER_TIMEOUT_SECONDS = 30;

    private CrashRound() {
    }

    /**
     * Runs the round and returns the acknowledged values, in order.
     *
     * @param killAfterMillis how long after the first acknowledgement the store is killed
     */
    static List<Long> run(EmbeddedStoreProcess store, String collection, WriterMode mode, long killAfterMillis)
        throws InterruptedException {
        Process writer = startWriter(store.connectionString(), collection, mode);
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstAcknowledgement = new CountDownLatch(1);
        Thread reader = new Thread(() -> collect(writer, acknowledged, firstAcknowledgement), "writer-stdout");
        reader.start();
        try {
            if (!firstAcknowledgement.await(WRITER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the writer acknowledged nothing within "
                    + WRITER_TIMEOUT_SECONDS + " s; store stderr: " + store.stderrTail());
            }
            // Kept on purpose: the crash lands a chosen span of time into the writes (the test draws it at random),
            // while writes are in flight. Waiting for a condition instead (say, a number of acknowledgements) would
            // tie the moment of the kill to the writer's pace, which is what the random span keeps out.
            Thread.sleep(killAfterMillis);
            store.kill();
            // Replies already on their way count: the writer prints them until its next write fails.
            if (!writer.waitFor(WRITER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the writer did not stop after the store was killed");
            }
            reader.join(TimeUnit.SECONDS.toMillis(WRITER_TIMEOUT_SECONDS));
        } finally {
            writer.destroyForcibly();
            store.kill();
        }
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    private static Process startWriter(String connectionString, String collection, WriterMode mode) {
        List<String> command = List.of(
            EmbeddedStoreProcess.javaBinary(),
            "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
            "-Dslf4j.internal.verbosity=WARN",
            "-cp", System.getProperty("java.class.path"),
            AcknowledgedWriter.class.getName(), connectionString, collection, mode.argument());
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the writer", e);
        }
    }

    private static void collect(Process writer, List<Long> acknowledged, CountDownLatch firstAcknowledgement) {
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                acknowledged.add(Long.valueOf(line.trim()));
                firstAcknowledgement.countDown();
            }
        } catch (IOException e) {
            // The writer is gone; every line it printed has been read.
        }
    }
}
