package edu.studentrecords.store.check;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing a self-check found. Names people and clients by id only, students never.
 *
 * @param code   what kind of finding, e.g. {@code BULK_READING}; stable, for filters and mail
 * @param actor  who: {@code user:<id>}, {@code client:<client id>}, {@code grant:<id>}, or null for the realm
 * @param count  how many (records read, entries, grants, overdue records)
 * @param from   start of the period concerned, or null
 * @param to     end of the period concerned, or null
 */
public record Finding(String code, String actor, long count, Instant from, Instant to) {

    /** An audit chain that does not verify. */
    public static final String AUDIT_CHAIN_BROKEN = "AUDIT_CHAIN_BROKEN";
    /** One actor read more records within an hour than the realm allows. */
    public static final String BULK_READING = "BULK_READING";
    /** One actor read records outside the realm's workday hours. */
    public static final String READING_OUT_OF_HOURS = "READING_OUT_OF_HOURS";
    /** A grant whose expiry passed was still open; the check closed it. */
    public static final String EXPIRED_GRANT_CLOSED = "EXPIRED_GRANT_CLOSED";
    /** Records whose periodic verification is overdue. */
    public static final String VERIFICATION_OVERDUE = "VERIFICATION_OVERDUE";
    /** An external client holds student scopes but no active grant. */
    public static final String EXTERNAL_CLIENT_WITHOUT_GRANT = "EXTERNAL_CLIENT_WITHOUT_GRANT";
    /** An administrator who has not signed in for the realm's stale-admin period (the REST contract's code). */
    public static final String STALE_ADMIN = "STALE_ADMIN";
    /** An administrator account that has not signed in for long. */
    public static final String STALE_ADMIN_ACCOUNT = "STALE_ADMIN_ACCOUNT";
    /** A session under impersonation tried a duty of the centre (refused); the actor is the impersonator. */
    public static final String IMPERSONATED_DUTY_CALL = "IMPERSONATED_DUTY_CALL";
    /** Stored records that break the record's rules (e.g. a unit outside the unit grammar, from before it was enforced). */
    public static final String INVALID_RECORDS = "INVALID_RECORDS";
    /**
     * Records whose change feed entry the search index could not take (quarantined, see
     * {@link edu.studentrecords.store.feed.ChangeFeed#quarantined()}): they are missing from search until they are
     * changed again. The count is of records; {@code from} and {@code to} span when their entries were quarantined.
     */
    public static final String FEED_QUARANTINED = "FEED_QUARANTINED";

    public Finding {
        Objects.requireNonNull(code, "code");
    }
}
