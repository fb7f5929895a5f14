package edu.studentrecords.search;

import java.util.Map;
import java.util.Set;

/**
 * How the index differs from what the store holds. Immutable.
 *
 * @param missing    record ids the store holds and the index lacks; unmodifiable
 * @param extra      record ids the index holds and the store does not; unmodifiable
 * @param mismatched record id to both versions where store and index hold the record at different versions;
 *                   unmodifiable
 */
public record Drift(Set<String> missing, Set<String> extra, Map<String, Versions> mismatched) {

    /** Copies the collections. */
    public Drift {
        missing = Set.copyOf(missing);
        extra = Set.copyOf(extra);
        mismatched = Map.copyOf(mismatched);
    }

    /** The versions of one record in the store and in the index. */
    public record Versions(long store, long index) {
    }

    /** Whether the index holds exactly the store's records at the store's versions. */
    public boolean isEmpty() {
        return missing.isEmpty() && extra.isEmpty() && mismatched.isEmpty();
    }

    @Override
    public String toString() {
        return "Drift[missing=" + missing.size() + ", extra=" + extra.size() + ", mismatched=" + mismatched.size() + "]";
    }
}
