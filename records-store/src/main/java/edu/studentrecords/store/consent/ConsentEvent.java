package edu.studentrecords.store.consent;

import java.time.Instant;

/**
 * One line of the ledger: a consent given or withdrawn. Never changed or removed once written.
 *
 * @param recordId    the student's record
 * @param purpose     the purpose's id
 * @param given       given ({@code true}) or withdrawn
 * @param by          the user id of who did it
 * @param byRole      {@code STUDENT} or {@code GUARDIAN}
 * @param at          when
 * @param textVersion the version of the purpose's text at the time
 */
public record ConsentEvent(String recordId, String purpose, boolean given, String by, String byRole, Instant at,
        int textVersion) {

    /** The student consented themselves. */
    public static final String STUDENT = "STUDENT";
    /** A guardian consented for the student. */
    public static final String GUARDIAN = "GUARDIAN";
}
