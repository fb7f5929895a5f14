package edu.studentrecords.store.retention;

import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.validation.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A realm's retention rules (rules 6.1 to 6.3): which leaving statuses start an archive, how long after leaving a
 * record is destroyed, and how long an archive is kept. An archive is sealed under its record's data key, so archive
 * and record are destroyed together, on the later of the two dates: neither rule is cut short by the other.
 *
 * @param archiveOn            the leaving statuses whose records are archived (and then destroyed); a subset of
 *                             {@code GRADUATED}, {@code WITHDRAWN}, {@code TRANSFERRED}
 * @param destroyAfterDays     days after the leaving date before the record may be destroyed, 1 to 36,500
 * @param archiveRetentionDays days after the archive was made before it may be destroyed, 0 to 36,500
 */
public record RetentionPolicy(Set<EnrolmentStatus> archiveOn, int destroyAfterDays, int archiveRetentionDays) {

    /** What a realm that never set a policy gets: archive every leaver, destroy after five years, archive ten. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(
            EnumSet.of(EnrolmentStatus.GRADUATED, EnrolmentStatus.WITHDRAWN, EnrolmentStatus.TRANSFERRED), 1825, 3650);

    /** The longest period a rule may name: a hundred years. */
    public static final int MAX_DAYS = 36_500;

    public RetentionPolicy {
        archiveOn = archiveOn == null || archiveOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(archiveOn));
    }

    /** The rules this policy breaks, by field; empty when it is valid. */
    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        for (EnrolmentStatus status : archiveOn) {
            if (!status.hasLeft()) {
                errors.add(new FieldError("archiveOn", "leaving-status",
                        "may name only GRADUATED, WITHDRAWN and TRANSFERRED"));
                break;
            }
        }
        if (destroyAfterDays < 1 || destroyAfterDays > MAX_DAYS) {
            errors.add(new FieldError("destroyAfterDays", "range", "must be from 1 to " + MAX_DAYS));
        }
        if (archiveRetentionDays < 0 || archiveRetentionDays > MAX_DAYS) {
            errors.add(new FieldError("archiveRetentionDays", "range", "must be from 0 to " + MAX_DAYS));
        }
        return errors;
    }

    /**
     * When a leaver's record and archive may be destroyed: the later of leaving plus {@link #destroyAfterDays} and
     * archiving plus {@link #archiveRetentionDays}.
     *
     * @param leavingDate the day the student left, or null (then the archive's day counts as the leaving day)
     * @param archivedAt  when the archive was made
     */
    public Instant destroyAfter(LocalDate leavingDate, Instant archivedAt) {
        LocalDate left = leavingDate != null ? leavingDate : archivedAt.atZone(ZoneOffset.UTC).toLocalDate();
        Instant byLeaving = left.plusDays(destroyAfterDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant byArchive = archivedAt.plus(java.time.Duration.ofDays(archiveRetentionDays));
        return byLeaving.isAfter(byArchive) ? byLeaving : byArchive;
    }
}
