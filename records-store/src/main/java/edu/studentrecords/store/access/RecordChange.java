package edu.studentrecords.store.access;

import edu.studentrecords.store.model.FieldGroup;
import java.util.Objects;
import java.util.Set;

/**
 * A change to a record as the access decision judges it: the record's access facts before and after, the groups the
 * change touches, and whether it makes the student a leaver (a status of one who left, or a leaving date set or
 * changed).
 *
 * @param before      the record as it is stored; not null
 * @param after       the record as it would be; not null (same id)
 * @param groups      the groups the change touches; not null
 * @param makesLeaver whether the status becomes one of a student who left, or the leaving date changes
 */
public record RecordChange(AccessTarget before, AccessTarget after, Set<FieldGroup> groups, boolean makesLeaver) {

    public RecordChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (!before.recordId().equals(after.recordId())) {
            throw new IllegalArgumentException("a change is about one record");
        }
        groups = Set.copyOf(groups);
    }

    /** Whether the change moves the record to another unit. */
    public boolean moves() {
        return !before.unit().equals(after.unit());
    }
}
