package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.store.reports.MisuseReport;
import edu.studentrecords.store.reports.ReportKind;
import java.time.Instant;
import java.util.List;

/**
 * A report as {@code /me/reports} answers: {@code id, status, message, auditEntries, createdAt, outcome,
 * decidedAt, kind} ({@code MISUSE} or {@code QUESTION}) and {@code sentByRole} ({@code STUDENT} or {@code GUARDIAN}). The centre's triage (severity, assignee, linked entries) is the centre's business and not shown.
 */
public record MisuseReportRepresentation(String id, String status, String message, List<Long> auditEntries,
        Instant createdAt, String outcome, Instant decidedAt, String kind, String sentByRole) {

    public static MisuseReportRepresentation of(MisuseReport report) {
        return new MisuseReportRepresentation(report.id(), report.status().name(), report.message(),
                report.auditEntries(), report.createdAt(), report.outcome(), report.decidedAt(), report.kind().name(),
                report.sentByRole());
    }

    /** The body of {@code POST /me/reports} and {@code POST /guardian/children/{id}/reports}. */
    public record Request(String kind, String message, List<Long> auditEntries) {

        /** The kind asked for: {@code MISUSE} when absent; 400 for another word. */
        public ReportKind reportKind() {
            if (kind == null) {
                return ReportKind.MISUSE;
            }
            return java.util.Arrays.stream(ReportKind.values()).filter(k -> k.name().equals(kind)).findFirst()
                    .orElseThrow(() -> new BadRequest("bad.report-kind"));
        }
    }

    /** The answer of {@code GET /me/reports}: the caller's reports, newest first. */
    public record Listing(List<MisuseReportRepresentation> reports) {
    }
}
