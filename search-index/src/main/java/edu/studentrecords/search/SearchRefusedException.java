package edu.studentrecords.search;

import edu.studentrecords.store.access.DenialReason;
import java.util.Objects;

/**
 * The caller may not search (or may not look up the field asked for): the REST layer answers 403 with the
 * reason code. Given alike whatever the query, so it reveals no record.
 */
public final class SearchRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient DenialReason reason;

    public SearchRefusedException(DenialReason reason) {
        super(Objects.requireNonNull(reason, "reason").name());
        this.reason = reason;
    }

    /** Why the search was refused; the stable code the access decision gives. */
    public DenialReason reason() {
        return reason;
    }
}
