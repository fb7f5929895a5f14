package edu.studentrecords.store.access;

import edu.studentrecords.store.access.AccessDecision.Basis;
import edu.studentrecords.store.model.FieldGroup;
import java.util.Objects;
import java.util.Set;

/**
 * What a caller's search may match, for a search index to put into its query: either
 * {@link Refused} (the caller may not search at all), or {@link Matching} records of all units, of a
 * set of units (each with everything below it) or with listed record ids.
 *
 * <p>It agrees with {@link AccessPolicy#decide} for {@link Operation#SEARCH}: a record is a permitted
 * hit exactly when {@code decide(ctx, SEARCH, record, {PROFILE})} allows it, and hits carry the
 * {@link Matching#groups()} only. Immutable and thread-safe.
 */
public sealed interface SearchScope permits SearchScope.Refused, SearchScope.Matching {

    /** Whether the record may appear as a hit. */
    boolean matches(AccessTarget target);

    /**
     * The caller may not search.
     *
     * @param reason the stable reason code, the same {@code decide} gives; not null
     */
    record Refused(DenialReason reason) implements SearchScope {

        /** Validates the component. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean matches(AccessTarget target) {
            return false;
        }
    }

    /**
     * The caller may search; a record matches when {@code allUnits} is set, or its unit lies in one of
     * {@code units}, or its id is one of {@code recordIds}.
     *
     * @param basis on what footing the caller searches; not null
     * @param groups the groups hits may carry (the profile only); not empty; unmodifiable
     * @param allUnits whether every record matches
     * @param units units whose records match; empty when {@code allUnits}; unmodifiable
     * @param recordIds records that match by id; empty when {@code allUnits}; unmodifiable
     */
    record Matching(Basis basis, Set<FieldGroup> groups, boolean allUnits, Set<UnitPath> units, Set<String> recordIds)
            implements SearchScope {

        /** Validates the components and copies the collections. */
        public Matching {
            Objects.requireNonNull(basis, "basis");
            groups = Set.copyOf(groups);
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("hits carry at least one group");
            }
            units = Set.copyOf(units);
            recordIds = Set.copyOf(recordIds);
            if (allUnits && !(units.isEmpty() && recordIds.isEmpty())) {
                throw new IllegalArgumentException("allUnits already matches every record");
            }
            if (units.contains(UnitPath.ALL)) {
                throw new IllegalArgumentException("use allUnits instead of the unit '*'");
            }
        }

        @Override
        public boolean matches(AccessTarget target) {
            Objects.requireNonNull(target, "target");
            return allUnits
                    || recordIds.contains(target.recordId())
                    || units.stream().anyMatch(unit -> unit.contains(target.unit()));
        }
    }
}
