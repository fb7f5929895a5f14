package edu.studentrecords.store.applications;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of an application's settings that makes it less protected, waiting for a second administrator. Immutable.
 *
 * @param id          the change's id; not null
 * @param before      the settings when it was asked for; approving it is refused once they changed
 * @param after       the settings asked for
 * @param requestedBy the administrator who asked (subject id)
 * @param requestedAt when they asked
 */
public record ApplicationChange(String id, ApplicationAccess before, ApplicationAccess after, String requestedBy,
        Instant requestedAt) {

    public ApplicationChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** The application the change is for. */
    public String clientId() {
        return after.clientId();
    }
}
