package edu.studentrecords.store.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A child a guardian is linked to, as the access decision needs it: the child's record, the link, the guardian entry
 * of the record the link names, and the child's date of birth as the record holds it when the request arrives (so that
 * the age is the record's, not a copy's). Immutable; {@link #toString()} prints ids only, never the date.
 *
 * @param recordId      the child's record; not blank
 * @param linkId        the guardian link; not blank
 * @param guardianIndex the guardian entry of the record the link names, from 0
 * @param dateOfBirth   the child's date of birth; null when the record holds none (treated as an adult: no proxy)
 */
public record Ward(String recordId, String linkId, int guardianIndex, LocalDate dateOfBirth) {

    /** The age of majority: a guardian acts for a child until this birthday. */
    public static final int MAJORITY = 18;
    /** The age from which a student gives or withdraws consents themselves. */
    public static final int SELF_CONSENT = 14;
    /** The school's day: a birthday begins at midnight in this zone. */
    public static final ZoneId SCHOOL_ZONE = ZoneId.of("Asia/Shanghai");

    /** Validates the components. */
    public Ward {
        if (recordId == null || recordId.isBlank() || linkId == null || linkId.isBlank()) {
            throw new IllegalArgumentException("a ward names a record and a link");
        }
        if (guardianIndex < 0) {
            throw new IllegalArgumentException("guardianIndex must not be negative");
        }
    }

    /** The child's age in whole years at {@code now}; {@link #MAJORITY} when the record holds no date of birth. */
    public int ageAt(Instant now) {
        return ageAt(dateOfBirth, now);
    }

    /** The age in whole years of someone born on {@code dateOfBirth} at {@code now}; {@link #MAJORITY} for null. */
    public static int ageAt(LocalDate dateOfBirth, Instant now) {
        Objects.requireNonNull(now, "now");
        if (dateOfBirth == null) {
            return MAJORITY;
        }
        return Math.max(0, Period.between(dateOfBirth, LocalDate.ofInstant(now, SCHOOL_ZONE)).getYears());
    }

    @Override
    public String toString() {
        return "Ward[recordId=" + recordId + ", linkId=" + linkId + ", guardianIndex=" + guardianIndex + "]";
    }
}
