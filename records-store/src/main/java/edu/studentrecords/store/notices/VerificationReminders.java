package edu.studentrecords.store.notices;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reminders that a student's periodic confirmation (rule 5.2) falls due, the system's own scheduled work. Thread-safe.
 */
public interface VerificationReminders {

    /** How long before the due date a student is reminded. */
    Duration AHEAD = Duration.ofDays(14);

    /**
     * The students whose confirmation falls due after {@code now} and within {@code ahead}, under a confirmation
     * period of {@code period}, and who were not reminded of that due date yet. Each is claimed by one write that only
     * one caller wins, so however many nodes ask, every student is reminded once per due date; each claim is the
     * system's audit entry {@code VERIFICATION_REMINDER} on the record.
     */
    List<VerificationReminder> claimDue(Instant now, Duration period, Duration ahead);
}
