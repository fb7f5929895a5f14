package edu.studentrecords.store.access;

import edu.studentrecords.store.model.FieldGroup;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of {@link AccessPolicy#decide}: either {@link Allowed} with the field groups the caller
 * may touch, or {@link Denied} with a reason and how the refusal is shown. Immutable and thread-safe.
 */
public sealed interface AccessDecision permits AccessDecision.Allowed, AccessDecision.Denied {

    /** Whether the request may go ahead. */
    boolean isAllowed();

    /** On what footing access was allowed. */
    enum Basis {
        /** The student's own record, through self service. */
        SELF,
        /** A staff member within their units. */
        STAFF,
        /** An administrator. */
        ADMIN,
        /** An internal client acting for itself within its units. */
        CLIENT,
        /** An external client under an access grant. */
        GRANT,
        /** A guardian acting for a linked child under 18. */
        GUARDIAN
    }

    /** How a refusal is shown to the caller. */
    enum Visibility {
        /** The caller may know the record exists: HTTP 403. */
        FORBIDDEN(403),
        /** The caller may not learn whether the record exists: HTTP 404. */
        NOT_FOUND(404);

        private final int httpStatus;

        Visibility(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status to answer with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    /**
     * The request may go ahead for exactly these groups: a read returns only them, an update may touch
     * only them.
     *
     * @param groups the groups; not empty; unmodifiable, in {@link FieldGroup} order
     * @param basis on what footing; not null
     * @param grantId the id of the grant relied on when {@code basis} is {@link Basis#GRANT}; null otherwise
     */
    record Allowed(Set<FieldGroup> groups, Basis basis, String grantId) implements AccessDecision {

        /** Validates the components. */
        public Allowed {
            Objects.requireNonNull(groups, "groups");
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("an allowed decision opens at least one group");
            }
            groups = Collections.unmodifiableSet(EnumSet.copyOf(groups));
            Objects.requireNonNull(basis, "basis");
            if ((basis == Basis.GRANT) != (grantId != null)) {
                throw new IllegalArgumentException("a grant id goes with, and only with, the GRANT basis");
            }
        }

        @Override
        public boolean isAllowed() {
            return true;
        }
    }

    /**
     * The request is refused.
     *
     * @param reason the stable reason code; not null
     * @param visibility whether to answer 403 or 404; not null
     */
    record Denied(DenialReason reason, Visibility visibility) implements AccessDecision {

        /** Validates the components. */
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(visibility, "visibility");
        }

        @Override
        public boolean isAllowed() {
            return false;
        }
    }
}
