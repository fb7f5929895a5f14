package edu.studentrecords.store.history;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One change of a record as a reader of its history may see it: the version it made, when, what call made it (an
 * audit operation code: {@code UPDATE}, {@code APPROVE_CORRECTION}, …), who, for what purpose, and the fields it
 * changed, with their values before and after. Only the groups the reader may read now are in it.
 *
 * @param version   the record's version the change made
 * @param time      when it was made
 * @param operation the audit operation code of the call
 * @param by        who made it
 * @param purpose   the purpose declared, or null (a student's own change)
 * @param groups    the groups of {@code changes}
 * @param changes   the fields changed, in record order
 */
public record HistoryEntry(long version, Instant time, String operation, ChangedBy by, String purpose,
        Set<FieldGroup> groups, List<FieldChange> changes) {

    public HistoryEntry {
        groups = Set.copyOf(groups);
        changes = List.copyOf(changes);
    }
}
