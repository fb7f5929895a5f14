package edu.studentrecords.store.internal.backup;

import java.util.Arrays;
import java.util.OptionalLong;
import org.bson.BsonValue;

/**
 * The numeric ids of a sequence log as a backup read them, in whatever order the server handed them out; finds
 * where the gap-free run that starts at the smallest id ends. Ids of other types are not counted. Not thread-safe.
 */
final class SequenceRun {

    private long[] ids = new long[1024];
    private int size;

    void add(BsonValue id) {
        if (id != null && id.isNumber()) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id.asNumber().longValue();
        }
    }

    /** The first id after the gap-free run (every id from the smallest up to it was read); empty when no id was numeric. */
    OptionalLong end() {
        if (size == 0) {
            return OptionalLong.empty();
        }
        long[] sorted = Arrays.copyOf(ids, size);
        Arrays.sort(sorted);
        long next = sorted[0];
        for (long id : sorted) {
            if (id != next) {
                break;
            }
            next++;
        }
        return OptionalLong.of(next);
    }
}
