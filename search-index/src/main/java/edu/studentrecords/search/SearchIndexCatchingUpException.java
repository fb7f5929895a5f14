package edu.studentrecords.search;

import java.time.Duration;
import java.util.Objects;

/**
 * The index cannot be searched yet: it has not caught up with the store's change feed since it opened, so an answer
 * could silently miss records that exist. For HTTP: 503 with {@code Retry-After} of {@link #retryAfter()}.
 */
public final class SearchIndexCatchingUpException extends SearchIndexException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /** @param retryAfter how long to wait before trying again; not null */
    public SearchIndexCatchingUpException(Duration retryAfter) {
        super("The search index is catching up with the store");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long to wait before trying again (at least one second). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
