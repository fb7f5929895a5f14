package edu.studentrecords.it;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * One phase of a load test: {@code threads} clients, each with a state of its own, repeating one operation back to
 * back for a fixed time. An operation that fails (an unexpected status, an I/O error) is counted, not timed, and the
 * client goes on. Measures the operations done, their latencies and the phase's wall time.
 */
final class LoadPhase {

    /** What one client does again and again; {@link #run()} throws when the operation did not succeed. */
    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    /** What a phase measured. */
    static final class Result {
        final Histogram latencies = new Histogram(3);
        long operations;
        long failures;
        long nanos;
        String firstFailure;

        double throughput() {
            return operations / (nanos / 1e9);
        }

        double millis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1e6;
        }
    }

    private LoadPhase() {
    }

    /**
     * Runs {@code threads} clients for {@code length}; {@code client} makes client {@code t}'s operation (a sign-in it
     * needs first happens there, before the clock starts).
     */
    static Result run(int threads, Duration length, IntFunction<Operation> client) throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            operations.add(client.apply(t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Result result = new Result();
        AtomicLong failures = new AtomicLong();
        try {
            long start = System.nanoTime();
            long end = start + length.toNanos();
            List<Callable<Histogram>> workers = new ArrayList<>();
            for (Operation operation : operations) {
                workers.add(() -> {
                    Histogram mine = new Histogram(3);
                    while (System.nanoTime() < end) {
                        long begin = System.nanoTime();
                        try {
                            operation.run();
                            mine.recordValue(System.nanoTime() - begin);
                        } catch (Exception | AssertionError e) {
                            if (failures.getAndIncrement() == 0) {
                                synchronized (result) {
                                    result.firstFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
                                }
                            }
                        }
                    }
                    return mine;
                });
            }
            List<Future<Histogram>> done = pool.invokeAll(workers);
            result.nanos = System.nanoTime() - start;
            for (Future<Histogram> f : done) {
                result.latencies.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        result.operations = result.latencies.getTotalCount();
        result.failures = failures.get();
        return result;
    }
}
