package edu.studentrecords.search;

import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.model.Profile;
import java.util.ArrayList;
import java.util.List;

/** A change feed in memory, for tests without a store: events are appended in order, sequences from 1. */
final class MemoryFeed implements ChangeFeed {

    private final List<ChangeEvent> events = new ArrayList<>();

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

    @Override
    public synchronized ChangeBatch poll(long after, int limit) {
        int from = (int) Math.min(after, events.size());
        int to = Math.min(events.size(), from + limit);
        List<ChangeEvent> batch = new ArrayList<>(events.subList(from, to));
        return new ChangeBatch(batch, to, to == events.size());
    }

    @Override
    public synchronized long head() {
        return events.size();
    }
}
