package edu.studentrecords.store.model;

import edu.studentrecords.store.validation.ConsistentIdentity;
import edu.studentrecords.store.validation.GuardiansForMinors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The content of a student record: the four field groups (MISSION article 2.1). Identity, version and
 * bookkeeping live in {@link StoredRecord}. A group may be {@code null} in a view that omits it; a record
 * as enrolled has every group.
 *
 * @param profile   the profile group
 * @param identity  the identity group
 * @param contact   the contact group
 * @param guardians the guardians, possibly empty for an adult student
 */
@ConsistentIdentity
@GuardiansForMinors
public record StudentRecord(
        @NotNull @Valid Profile profile,
        @NotNull @Valid Identity identity,
        @NotNull @Valid Contact contact,
        @NotNull @Size(max = 10) List<@NotNull @Valid Guardian> guardians) {

    public StudentRecord {
        // Not List.copyOf: a missing guardian is a field error to report (guardians[0]), not a NullPointerException.
        guardians = guardians == null ? null : Collections.unmodifiableList(new ArrayList<>(guardians));
    }

    @Override
    public String toString() {
        return "StudentRecord[<hidden>]";
    }
}
