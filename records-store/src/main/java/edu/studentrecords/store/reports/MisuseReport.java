package edu.studentrecords.store.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A student's report that their information was misused, sent to the information management centre, with the
 * centre's handling of it.
 *
 * @param id            the report id
 * @param recordId      the record of the student who sent it
 * @param status        where it stands
 * @param message       what the student wrote; personal data may be in it, so it is kept encrypted like the record
 * @param auditEntries  sequence numbers of the audit entries on the student's own record the report is about
 * @param createdAt     when it was sent
 * @param outcome       how it was dealt with (kept encrypted like the message), or null until resolved
 * @param decidedAt     when it was resolved, or null until then
 * @param severity      the centre's judgement at triage, or null until triaged
 * @param assignee      the username of who handles it, or null
 * @param linkedEntries sequence numbers of further entries on the same record the centre linked at triage
 * @param triagedAt     when it was last triaged, or null
 * @param triagedBy     the subject (user id) who last triaged it, or null
 * @param decidedBy     the subject (user id) who resolved it, or null
 * @param kind          a report of misuse or a question; {@link ReportKind#MISUSE} for reports kept from before
 * @param sentBy        the user id of who sent it: the student, or a guardian for the student; null for reports kept
 *                      from before (the student's)
 * @param sentByRole    {@code STUDENT} or {@code GUARDIAN}
 */
public record MisuseReport(String id, String recordId, ReportStatus status, String message, List<Long> auditEntries,
        Instant createdAt, String outcome, Instant decidedAt, Severity severity, String assignee,
        List<Long> linkedEntries, Instant triagedAt, String triagedBy, String decidedBy, ReportKind kind,
        String sentBy, String sentByRole) {

    /** Sent by the student. */
    public static final String STUDENT = "STUDENT";
    /** Sent by a guardian for the student. */
    public static final String GUARDIAN = "GUARDIAN";

    public MisuseReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
        auditEntries = List.copyOf(auditEntries);
        linkedEntries = linkedEntries == null ? List.of() : List.copyOf(linkedEntries);
        kind = kind == null ? ReportKind.MISUSE : kind;
        sentByRole = sentByRole == null ? STUDENT : sentByRole;
    }

    /** A report just sent: open, nothing decided. */
    public static MisuseReport opened(String id, String recordId, String message, List<Long> auditEntries,
            Instant createdAt, ReportKind kind, String sentBy, String sentByRole) {
        return new MisuseReport(id, recordId, ReportStatus.OPEN, message, auditEntries, createdAt, null, null, null,
                null, List.of(), null, null, null, kind, sentBy, sentByRole);
    }

    /** Never prints the message or the outcome: they may hold personal data. */
    @Override
    public String toString() {
        return "MisuseReport[id=" + id + ", kind=" + kind + ", status=" + status + ", severity=" + severity
                + ", auditEntries="
                + auditEntries + ", linkedEntries=" + linkedEntries + "]";
    }
}
