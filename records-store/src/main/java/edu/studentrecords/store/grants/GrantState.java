package edu.studentrecords.store.grants;

/** Where a grant stands at a given instant. */
public enum GrantState {
    /** Requested, not yet approved by a second administrator. */
    PENDING,
    /** Approved and neither expired nor revoked: it opens access. */
    ACTIVE,
    /** Approved, but its expiry has passed. */
    EXPIRED,
    /** Revoked (before or after approval). */
    REVOKED
}
