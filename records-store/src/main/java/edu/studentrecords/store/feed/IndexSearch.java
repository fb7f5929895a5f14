package edu.studentrecords.store.feed;

import edu.studentrecords.store.access.SearchScope;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One search that the store's gate runs on a copy of the records fed by the {@link ChangeFeed} (the node's search
 * index), answering only what the caller may read <em>now</em> although the copy lags the store.
 *
 * <p>The gate asks the access policy for the caller's scope once and {@linkplain #run runs} the search within it.
 * The copy can be wrong only about records with feed entries after the {@linkplain Run#position() position} it
 * reflects; the gate reads those from the feed, asks the run which of them it {@linkplain Run#counted counted},
 * decides each again on the record as stored now, and takes the {@linkplain Run#page page} without those the
 * caller may no longer read: left out of the hits, the total and every facet count alike. Each hit of that page is
 * confirmed on its stored record as well before it is returned. One audit entry names the ids returned.
 *
 * <p>Implementations belong to the copy (the search index); the store's gate is their only caller.
 *
 * @param <R> the answer the copy makes of a page (for the search index, its {@code SearchResult})
 */
@FunctionalInterface
public interface IndexSearch<R> {

    /**
     * Runs the search within {@code scope} on the copy as it is now, and keeps that state of the copy until the run
     * is closed, so that every call on the run answers from the same state.
     *
     * @param scope what the caller may match, as the store's gate decided; not null
     * @return the run; the caller closes it
     * @throws RuntimeException when the copy cannot be searched now (e.g. it has not caught up with the feed since
     *                          it opened); the gate audits the search as failed and passes the exception on
     */
    Run<R> run(SearchScope.Matching scope);

    /**
     * A search run on one state of the copy. Not thread-safe: one caller uses it, then closes it.
     *
     * @param <R> the answer the copy makes of a page
     */
    interface Run<R> extends AutoCloseable {

        /**
         * The feed position the searched state reflects: every feed entry up to it is applied in that state (so a
         * record without a later entry is held as the store holds it), later ones may not be.
         */
        long position();

        /**
         * Which of {@code recordIds} this run counts: those its query matches within the scope, as the copy holds
         * them.
         *
         * @param recordIds ids to test; not null
         * @return a subset of {@code recordIds}
         */
        Set<String> counted(Set<String> recordIds);

        /**
         * The page of this run as it is when the records {@code excluded} are left out of everything the page
         * reports: its hits, its total and its facet counts.
         *
         * @param excluded ids to leave out; not null, may be empty
         * @return the ids of the page's hits (none of {@code excluded}) and the answer that carries them
         */
        Page<R> page(Set<String> excluded);

        /** Releases the state of the copy the run searched. */
        @Override
        void close();
    }

    /**
     * A page of a run: the ids of its hits, in the order they are returned, and the answer that carries them.
     *
     * @param recordIds the ids of the hits; unmodifiable
     * @param answer    what the copy returns for the page; not null
     * @param <R>       the answer's type
     */
    record Page<R>(List<String> recordIds, R answer) {

        /** Copies the ids. */
        public Page {
            recordIds = List.copyOf(recordIds);
            Objects.requireNonNull(answer, "answer");
        }
    }
}
