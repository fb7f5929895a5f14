package edu.studentrecords.search;

import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.EnrolmentStatus;
import java.util.Objects;
import java.util.Set;

/**
 * What a caller searches for. Immutable; {@code toString()} does not print the text (it may be a name).
 *
 * @param text     a name (Chinese characters, simplified or traditional, or pinyin with or without spaces and
 *                 tones), a student number or its prefix; blank matches every record the filters let through.
 *                 Not null.
 * @param units    only records in one of these units or below them; empty for no unit filter. Not null.
 * @param statuses only records with one of these statuses; empty for no status filter. Not null.
 * @param limit    how many hits to return, at least 1 (capped by {@link SearchSettings#maxResults()})
 */
public record SearchQuery(String text, Set<UnitPath> units, Set<EnrolmentStatus> statuses, int limit) {

    /** The number of hits a query asks for unless it says otherwise. */
    public static final int DEFAULT_LIMIT = 20;

    /** Validates and copies the components. */
    public SearchQuery {
        Objects.requireNonNull(text, "text");
        units = Set.copyOf(units);
        statuses = Set.copyOf(statuses);
        if (units.contains(UnitPath.ALL)) {
            throw new IllegalArgumentException("leave units empty instead of filtering on '*'");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    /** A query for {@code text} without filters. */
    public static SearchQuery of(String text) {
        return new SearchQuery(text, Set.of(), Set.of(), DEFAULT_LIMIT);
    }

    public SearchQuery inUnits(UnitPath... value) {
        return new SearchQuery(text, Set.of(value), statuses, limit);
    }

    public SearchQuery withStatuses(EnrolmentStatus... value) {
        return new SearchQuery(text, units, Set.of(value), limit);
    }

    public SearchQuery withLimit(int value) {
        return new SearchQuery(text, units, statuses, value);
    }

    @Override
    public String toString() {
        return "SearchQuery[text=<hidden>, units=" + units + ", statuses=" + statuses + ", limit=" + limit + "]";
    }
}
