package edu.studentrecords.store.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What generated inputs came to: accepted, refused (by the kind of refusal), and anything else, which is a failure
 * kept with the changes that caused it (never the input itself). Not thread-safe.
 */
public final class InputTally {

    /** What reading an input does: returns when it is accepted, throws when it is refused. */
    @FunctionalInterface
    public interface Reading {
        void read() throws Exception;
    }

    private static final int FAILURES_KEPT = 20;

    private final String name;
    private final Function<Throwable, String> refusal;
    private final Map<String, Long> refusals = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private long accepted;
    private long failed;

    /**
     * @param name    what is read, e.g. {@code POST /records}
     * @param refusal the kind of a typed refusal (e.g. {@code 400 malformed-request}), or null for anything else
     */
    public InputTally(String name, Function<Throwable, String> refusal) {
        this.name = name;
        this.refusal = refusal;
    }

    /** Reads one input and counts what it came to; {@code changes} says what was done to it. */
    public void read(Object changes, Reading reading) {
        try {
            reading.read();
            accepted++;
        } catch (Throwable t) {
            String kind = t instanceof Exception ? refusal.apply(t) : null;
            if (kind == null) {
                failed++;
                if (failures.size() < FAILURES_KEPT) {
                    failures.add(name + ": " + changes + " -> " + t.getClass().getName() + at(t));
                }
            } else {
                refusals.merge(kind, 1L, Long::sum);
            }
        }
    }

    public long total() {
        return accepted + failed + refusals.values().stream().mapToLong(Long::longValue).sum();
    }

    public long accepted() {
        return accepted;
    }

    /** The inputs that were neither accepted nor refused in a typed way, the first of them described. */
    public List<String> failures() {
        List<String> all = new ArrayList<>(failures);
        if (failed > failures.size()) {
            all.add("... " + (failed - failures.size()) + " more");
        }
        return all;
    }

    /** One line: how many inputs, accepted, refused by kind, failed. */
    public String summary() {
        return name + ": " + total() + " inputs, " + accepted + " accepted, refused " + refusals + ", " + failed
                + " failed";
    }

    /** Where the exception came from: its first frame, which names code, never data. */
    private static String at(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length == 0 ? "" : " at " + trace[0];
    }
}
