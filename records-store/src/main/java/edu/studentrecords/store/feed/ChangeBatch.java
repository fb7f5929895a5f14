package edu.studentrecords.store.feed;

import java.util.List;

/**
 * What one poll of the feed returned.
 *
 * @param events        the events, in feed order
 * @param nextAfter     the sequence to pass as {@code after} to the next poll (the last position consumed,
 *                      which may be past the last event when void entries were skipped)
 * @param caughtUp      true when nothing more was available at the time of the poll
 */
public record ChangeBatch(List<ChangeEvent> events, long nextAfter, boolean caughtUp) {

    public ChangeBatch {
        events = List.copyOf(events);
    }
}
