package edu.studentrecords.store.reports;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Misuse reports of students about their own records, and their handling by the information management centre.
 *
 * <p>A student's call is decided as self service on the caller's own record. A centre call is decided by
 * {@link edu.studentrecords.store.access.AccessPolicy#checkDuty}: reading and resolving by an administrator with
 * {@code student.admin} ({@link edu.studentrecords.store.access.Duty#HANDLE_REPORTS}) or a supervisor or administrator
 * with {@code student.audit} ({@link edu.studentrecords.store.access.Duty#REVIEW_REPORTS}); triage only by the former.
 * Every call is audited once, before anything is written or returned; a centre call on one report is recorded under
 * the report's record, so the student's access log shows that the centre handled it. Thread-safe.
 */
public interface MisuseReports {

    /** The longest message accepted, in characters. */
    int MAX_MESSAGE = 4000;
    /** The most audit entries one report may name. */
    int MAX_ENTRIES = 100;

    /**
     * Sends a report about the caller's own record.
     *
     * @param message      what happened, not blank, at most {@link #MAX_MESSAGE} characters
     * @param auditEntries sequence numbers of entries on the caller's own record (possibly none)
     * @return the stored report, {@link ReportStatus#OPEN}
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     * @throws InvalidRecordException  when the message is missing or too long, or an entry is not on the caller's
     *                                 own record; nothing is stored
     */
    MisuseReport report(AccessContext ctx, String message, List<Long> auditEntries);

    /**
     * A report of {@code kind} about the record {@code recordId}: the caller's own (a student, self service) or a linked
     * child's (a guardian, for a child under 18), naming entries of that record's access log; sent by the caller.
     */
    MisuseReport report(AccessContext ctx, String recordId, ReportKind kind, String message, List<Long> auditEntries);

    /** A report of {@code kind} about the caller's own record (a student, self service). */
    MisuseReport reportOwn(AccessContext ctx, ReportKind kind, String message, List<Long> auditEntries);

    /**
     * The caller's own reports, newest first.
     *
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     */
    List<MisuseReport> ownReports(AccessContext ctx);

    /**
     * The realm's reports for the centre, newest first; reports whose record was destroyed are gone with it.
     *
     * @param status only reports in this status, or null for all
     * @throws AccessDeniedException when the caller may neither handle nor review reports
     */
    List<MisuseReport> list(AccessContext ctx, ReportStatus status);

    /**
     * One report for the centre.
     *
     * @throws AccessDeniedException   when the caller may neither handle nor review reports
     * @throws ReportNotFoundException when there is no such report
     */
    MisuseReport get(AccessContext ctx, String reportId);

    /**
     * The audit entries a report names and the centre linked, in sequence order, as the audit trail holds them (ids
     * and codes, no record content).
     *
     * @throws AccessDeniedException   when the caller may neither handle nor review reports
     * @throws ReportNotFoundException when there is no such report
     */
    List<AuditEntry> entries(AccessContext ctx, String reportId);

    /**
     * Triages an open or triaged report: severity, assignee and linked entries replace what was there; the status
     * becomes {@link ReportStatus#TRIAGED}.
     *
     * @param assignable whether a username may be assigned (a person of the centre); not null
     * @throws AccessDeniedException    when the caller is not an administrator with {@code student.admin}
     * @throws ReportNotFoundException  when there is no such report
     * @throws InvalidRecordException   when the severity is missing, the assignee unknown, or a linked entry not on
     *                                  the report's record; nothing changes
     * @throws ReportResolvedException  when the report is already resolved
     */
    MisuseReport triage(AccessContext ctx, String reportId, Triage triage, Predicate<String> assignable);

    /**
     * Resolves an open or triaged report with an outcome the student reads.
     *
     * @param outcome how it was dealt with, not blank, at most {@link #MAX_MESSAGE} characters
     * @throws AccessDeniedException   when the caller may neither handle nor review reports
     * @throws ReportNotFoundException when there is no such report
     * @throws InvalidRecordException  when the outcome is missing or too long; nothing changes
     * @throws ReportResolvedException when the report is already resolved
     */
    MisuseReport resolve(AccessContext ctx, String reportId, String outcome);

}
