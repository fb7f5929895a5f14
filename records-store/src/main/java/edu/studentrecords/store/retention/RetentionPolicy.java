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
 * @param auditRetentionDays   days the audit trail's entries are kept: a sealed epoch whose last entry is older is
 *                             exported and dropped (its signed checkpoint stays), 1 to 36,500
 */
public record RetentionPolicy(Set<EnrolmentStatus> archiveOn, int destroyAfterDays, int archiveRetentionDays,
        int auditRetentionDays) {

    /** How long the audit trail is kept when a realm never said: three years. */
    public static final int DEFAULT_AUDIT_RETENTION_DAYS = 1095;

    /**
     * What a realm that never set a policy gets: archive every leaver, destroy after five years, archive ten, keep the
     * audit trail three.
     */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(
            EnumSet.of(EnrolmentStatus.GRADUATED, EnrolmentStatus.WITHDRAWN, EnrolmentStatus.TRANSFERRED), 1825, 3650);

    /** The longest period a rule may name: a hundred years. */
    public static final int MAX_DAYS = 36_500;

    public RetentionPolicy {
        archiveOn = archiveOn == null || archiveOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(archiveOn));
    }

    /** A policy that keeps the audit trail for the default three years. */
    public RetentionPolicy(Set<EnrolmentStatus> archiveOn, int destroyAfterDays, int archiveRetentionDays) {
        this(archiveOn, destroyAfterDays, archiveRetentionDays, DEFAULT_AUDIT_RETENTION_DAYS);
    }

    /** The rules this policy breaks, by field; empty when it is valid. */
    public List<FieldError> errors() {
        return errors(0);
    }

    /**
     * The rules this policy breaks, by field, where no period may be shorter than {@code floorDays} (the server's
     * floor, which no realm setting goes under); empty when it is valid.
     */
    public List<FieldError> errors(int floorDays) {
        List<FieldError> errors = new ArrayList<>();
        for (EnrolmentStatus status : archiveOn) {
            if (!status.hasLeft()) {
                errors.add(new FieldError("archiveOn", "leaving-status",
                        "may name only GRADUATED, WITHDRAWN and TRANSFERRED"));
                break;
            }
        }
        int destroyMin = Math.max(1, floorDays);
        if (destroyAfterDays < destroyMin || destroyAfterDays > MAX_DAYS) {
            errors.add(new FieldError("destroyAfterDays", "range", "must be from " + destroyMin + " to " + MAX_DAYS));
        }
        if (archiveRetentionDays < floorDays || archiveRetentionDays > MAX_DAYS) {
            errors.add(new FieldError("archiveRetentionDays", "range", "must be from " + floorDays + " to " + MAX_DAYS));
        }
        if (auditRetentionDays < 1 || auditRetentionDays > MAX_DAYS) {
            errors.add(new FieldError("auditRetentionDays", "range", "must be from 1 to " + MAX_DAYS));
        }
        return errors;
    }

    /** This policy with no period shorter than {@code floorDays}: what a run applies under the server's floor. */
    public RetentionPolicy atLeast(int floorDays) {
        return new RetentionPolicy(archiveOn, Math.max(destroyAfterDays, Math.max(1, floorDays)),
                Math.max(archiveRetentionDays, floorDays), auditRetentionDays);
    }

    /**
     * Whether this policy, replacing {@code current}, makes retention shorter: a period shortened (the audit trail's
     * included), or a status added
     * to those archived (and so, in time, destroyed). Such a change needs a second administrator.
     */
    public boolean shortens(RetentionPolicy current) {
        return destroyAfterDays < current.destroyAfterDays || archiveRetentionDays < current.archiveRetentionDays
                || auditRetentionDays < current.auditRetentionDays || !current.archiveOn.containsAll(archiveOn);
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
