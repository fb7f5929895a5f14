package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.retention.ArchiveSummary;
import edu.studentrecords.store.retention.LegalHold;
import edu.studentrecords.store.retention.PolicyChange;
import edu.studentrecords.store.retention.RetentionPolicy;
import edu.studentrecords.store.retention.RetentionRun;
import edu.studentrecords.store.validation.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The JSON shapes of the retention endpoints. */
public final class RetentionRepresentation {

    private RetentionRepresentation() {
    }

    /**
     * A change of the policy as the centre sees it: whether it applies or waits for a second administrator, the policy
     * in force, the one asked for, who asked and when, and who decided it.
     */
    public record Change(String status, Policy current, Policy proposed, String proposedBy, Instant proposedAt,
            String decidedBy) {

        public static Change of(PolicyChange change) {
            return new Change(change.status().name(), Policy.of(change.current()), Policy.of(change.proposed()),
                    change.proposedBy(), change.proposedAt(), change.decidedBy());
        }
    }

    /**
     * {@code GET/PUT /retention/policy}.
     *
     * @param archiveOn            leaving statuses archived, e.g. {@code ["GRADUATED","WITHDRAWN","TRANSFERRED"]}
     * @param destroyAfterDays     days after leaving before destruction
     * @param archiveRetentionDays days an archive is kept at least
     * @param auditRetentionDays   days the audit trail's entries are kept (optional; absent: the default three years)
     */
    public record Policy(List<String> archiveOn, Integer destroyAfterDays, Integer archiveRetentionDays,
            Integer auditRetentionDays) {

        public static Policy of(RetentionPolicy policy) {
            return new Policy(policy.archiveOn().stream().sorted().map(Enum::name).toList(), policy.destroyAfterDays(),
                    policy.archiveRetentionDays(), policy.auditRetentionDays());
        }

        /** The policy, or field errors for what cannot even be read (the store checks the rest). */
        public RetentionPolicy toPolicy(List<FieldError> errors) {
            Set<EnrolmentStatus> on = EnumSet.noneOf(EnrolmentStatus.class);
            if (archiveOn == null) {
                errors.add(new FieldError("archiveOn", "required", "is required (it may be empty)"));
            } else {
                for (String name : archiveOn) {
                    try {
                        on.add(EnrolmentStatus.valueOf(name == null ? "" : name));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError("archiveOn", "leaving-status",
                                "may name only GRADUATED, WITHDRAWN and TRANSFERRED"));
                        break;
                    }
                }
            }
            if (destroyAfterDays == null) {
                errors.add(new FieldError("destroyAfterDays", "required", "is required"));
            }
            if (archiveRetentionDays == null) {
                errors.add(new FieldError("archiveRetentionDays", "required", "is required"));
            }
            RetentionPolicy policy = new RetentionPolicy(on, destroyAfterDays == null ? 1 : destroyAfterDays,
                    archiveRetentionDays == null ? 0 : archiveRetentionDays,
                    auditRetentionDays == null ? RetentionPolicy.DEFAULT_AUDIT_RETENTION_DAYS : auditRetentionDays);
            errors.addAll(policy.errors());
            return policy;
        }
    }

    /** {@code POST /retention/runs}. */
    public record RunRequest(Boolean dryRun) {
    }

    /** A run as {@code POST/GET /retention/runs} show it. */
    public record Run(String id, boolean dryRun, Instant ranAt, List<String> archived, List<Destroyed> destroyed,
            List<String> held, int waiting) {

        public static Run of(RetentionRun run) {
            return new Run(run.id(), run.dryRun(), run.ranAt(), run.archived(), run.destroyed().stream()
                    .map(d -> new Destroyed(d.recordId(), PurgeRequestRepresentation.Certificate.of(d.certificate()),
                            d.signedCertificate())).toList(), run.held(), run.waiting());
        }
    }

    /** One destruction of a run, with its certificate and the certificate signed by the realm (null in a dry run). */
    public record Destroyed(String recordId, PurgeRequestRepresentation.Certificate certificate,
            String signedCertificate) {
    }

    /** {@code GET /records/{id}/archive}. */
    public record Archive(String recordId, String sha256, Instant createdAt, long size, Instant destroyAfter) {

        public static Archive of(ArchiveSummary summary) {
            return new Archive(summary.recordId(), summary.sha256(), summary.createdAt(), summary.size(),
                    summary.destroyAfter());
        }
    }

    /** {@code POST /records/{id}/legal-holds}. */
    public record HoldRequest(String reason) {
    }

    /** A legal hold as the API shows it. */
    public record Hold(String id, String recordId, String reason, String placedBy, Instant placedAt, Instant liftedAt) {

        public static Hold of(LegalHold hold) {
            return new Hold(hold.id(), hold.recordId(), hold.reason(), hold.placedBy(), hold.placedAt(), hold.liftedAt());
        }
    }

    /** {@code POST /records/{id}/paper-copies}; {@code destroyBy} an ISO date such as {@code 2027-01-31}. */
    public record PaperCopyRequest(String location, String custodian, String destroyBy) {

        /** The day, or null with a field error when it is missing or not a date. */
        public LocalDate destroyByDate(List<FieldError> errors) {
            if (destroyBy == null || destroyBy.isBlank()) {
                errors.add(new FieldError("destroyBy", "required", "is required"));
                return null;
            }
            try {
                return LocalDate.parse(destroyBy.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("destroyBy", "date", "must be a date such as 2027-01-31"));
                return null;
            }
        }
    }

    public static List<FieldError> errors() {
        return new ArrayList<>();
    }
}
