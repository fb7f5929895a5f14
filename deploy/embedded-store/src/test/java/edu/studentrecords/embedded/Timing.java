package edu.studentrecords.embedded;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * One measured run of an operation, one thread: its median latency and operations per second; and the median of
 * several runs' figures. Shared by the store's benchmarks.
 *
 * @param p50Micros the median latency in microseconds
 * @param perSecond operations per second over the whole run
 */
record Timing(double p50Micros, double perSecond) {

    /** Runs {@code operation} {@code count} times (with 0 to {@code count - 1}) and times each call and the whole. */
    static Timing of(int count, IntConsumer operation) {
        long[] latencies = new long[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long before = System.nanoTime();
            operation.accept(i);
            latencies[i] = System.nanoTime() - before;
        }
        long elapsed = System.nanoTime() - start;
        Arrays.sort(latencies);
        return new Timing(latencies[count / 2] / 1000.0, count * 1e9 / elapsed);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
