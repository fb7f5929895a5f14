package edu.studentrecords.store.people;

import edu.studentrecords.store.access.AccessContext;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The names of the realm's people (kept in Keycloak, outside the store) for the centre's screens, behind the store's
 * gate: administrators and supervision (the duties {@code HANDLE_REPORTS} or {@code SUPERVISE}) may ask, nobody else.
 * Each call is decided and audited once ({@code PEOPLE_LOOKUP}) before the source is touched. Thread-safe.
 */
public interface PeopleDirectory {

    /** At most this many people are asked about, or answered, in one call. */
    int MAX_PEOPLE = 100;

    /**
     * What {@code source} answers about the people {@code ids}: 1 to {@link #MAX_PEOPLE} ids, otherwise the call is
     * {@code INVALID} naming the field {@code id} (and the source is not touched).
     */
    <T> T named(AccessContext ctx, List<String> ids, Function<List<String>, T> source);

    /** What {@code source} answers about the people a misuse report may be assigned to (at most {@link #MAX_PEOPLE}). */
    <T> T assignees(AccessContext ctx, Supplier<T> source);
}
