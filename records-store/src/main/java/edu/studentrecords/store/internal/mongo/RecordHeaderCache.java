package edu.studentrecords.store.internal.mongo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The access facts (owner, unit) of recently seen records, so that a read can be decided, and its audit
 * entry written, while the record itself is still being fetched. Only a hint: every decision made from it
 * is confirmed against the stored record before anything is returned, so a stale entry costs time, never
 * correctness. Bounded; thread-safe.
 */
public final class RecordHeaderCache {

    private final Map<String, RecordHeader> headers;

    public RecordHeaderCache(int capacity) {
        this.headers = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RecordHeader> eldest) {
                return size() > capacity;
            }
        });
    }

    public Optional<RecordHeader> get(String recordId) {
        return Optional.ofNullable(headers.get(recordId));
    }

    public void put(RecordHeader header) {
        headers.put(header.id(), header);
    }

    public void remove(String recordId) {
        headers.remove(recordId);
    }

    /** Whether two headers lead to the same access decisions (same owner, same unit). */
    public static boolean sameAccessFacts(RecordHeader a, RecordHeader b) {
        return java.util.Objects.equals(a.ownerSubject(), b.ownerSubject()) && a.unit().equals(b.unit());
    }
}
