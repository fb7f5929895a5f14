package edu.studentrecords.store.access;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many audit entries one call has left so far, so that a call the store never reached (refused for its input) or
 * that failed before it was recorded still leaves exactly one. One per access context, that is per request; equal
 * only to itself. Thread-safe.
 */
public final class CallLedger {

    private final AtomicInteger entries = new AtomicInteger();

    /** Counts one more entry of this call; called by the audit trail's writer once an entry is durable. */
    public void entryAppended() {
        entries.incrementAndGet();
    }

    /** How many entries this call has left. */
    public int entries() {
        return entries.get();
    }

    @Override
    public String toString() {
        return "CallLedger[entries=" + entries.get() + "]";
    }
}
