package edu.studentrecords.search;

import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.feed.ChangedRecords;
import edu.studentrecords.store.feed.QuarantinedChange;
import edu.studentrecords.store.model.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A change feed in memory, for tests without a store: events are appended in order, sequences from 1. It can be
 * made to fail as an unreachable store would: its polls, or its quarantine.
 */
final class MemoryFeed implements ChangeFeed {

    private final List<ChangeEvent> events = new ArrayList<>();
    private final Map<Long, QuarantinedChange> quarantine = new TreeMap<>();
    private int failingPolls;
    private boolean quarantineFails;
    private int quarantineAttempts;

    synchronized long upsert(String recordId, long version, Profile profile, String residentIdHash, List<String> phones) {
        long seq = events.size() + 1;
        events.add(new ChangeEvent(seq, recordId, ChangeEvent.Kind.UPSERT, version, profile, null, residentIdHash, phones));
        return seq;
    }

    synchronized long upsert(String recordId, long version, Profile profile) {
        return upsert(recordId, version, profile, "rid-" + recordId, List.of("phone-" + recordId));
    }

    synchronized long remove(String recordId) {
        long seq = events.size() + 1;
        events.add(new ChangeEvent(seq, recordId, ChangeEvent.Kind.REMOVE, 0, null, null, null, List.of()));
        return seq;
    }

    /** Adds events already numbered in order (their sequences must continue the feed). */
    synchronized void addAll(List<ChangeEvent> more) {
        events.addAll(more);
    }

    /** The next {@code count} polls throw, as when the store cannot be reached. */
    synchronized void failNextPolls(int count) {
        failingPolls = count;
    }

    /** Whether quarantining throws, as when the store cannot be reached. */
    synchronized void quarantineFails(boolean fails) {
        quarantineFails = fails;
    }

    /** How many times a consumer tried to quarantine an entry. */
    synchronized int quarantineAttempts() {
        return quarantineAttempts;
    }

    /** Every quarantined entry, standing or not. */
    synchronized List<QuarantinedChange> everQuarantined() {
        return List.copyOf(quarantine.values());
    }

    @Override
    public synchronized ChangeBatch poll(long after, int limit) {
        if (failingPolls > 0) {
            failingPolls--;
            throw new IllegalStateException("store unreachable");
        }
        int from = (int) Math.min(after, events.size());
        int to = Math.min(events.size(), from + limit);
        List<ChangeEvent> batch = new ArrayList<>(events.subList(from, to));
        return new ChangeBatch(batch, to, to == events.size());
    }

    @Override
    public synchronized long head() {
        return events.size();
    }

    @Override
    public synchronized ChangedRecords changedAfter(long after, int limit) {
        int from = (int) Math.min(after, events.size());
        int to = (int) Math.min(events.size(), (long) from + limit);
        Set<String> ids = new HashSet<>();
        events.subList(from, to).forEach(e -> ids.add(e.recordId()));
        return new ChangedRecords(ids, after, Math.max(after, to), to == events.size());
    }

    @Override
    public synchronized void quarantine(long sequence, String recordId, long version, String reasonCode) {
        quarantineAttempts++;
        if (quarantineFails) {
            throw new IllegalStateException("store unreachable");
        }
        quarantine.putIfAbsent(sequence, new QuarantinedChange(sequence, recordId, version, reasonCode, Instant.now()));
    }

    @Override
    public synchronized List<QuarantinedChange> quarantined() {
        Map<String, ChangeEvent> last = new HashMap<>();
        events.forEach(e -> last.put(e.recordId(), e));
        return quarantine.values().stream().filter(q -> {
            ChangeEvent now = last.get(q.recordId());
            return now != null && now.kind() == ChangeEvent.Kind.UPSERT && now.version() == q.version();
        }).toList();
    }
}
