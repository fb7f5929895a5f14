package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.store.reports.MisuseReport;
import java.time.Instant;
import java.util.List;

/**
 * A misuse report as {@code /me/reports} answers: {@code id, status, message, auditEntries, createdAt, outcome,
 * decidedAt}. The centre's triage (severity, assignee, linked entries) is the centre's business and not shown.
 */
public record MisuseReportRepresentation(String id, String status, String message, List<Long> auditEntries,
        Instant createdAt, String outcome, Instant decidedAt) {

    public static MisuseReportRepresentation of(MisuseReport report) {
        return new MisuseReportRepresentation(report.id(), report.status().name(), report.message(),
                report.auditEntries(), report.createdAt(), report.outcome(), report.decidedAt());
    }

    /** The body of {@code POST /me/reports}. */
    public record Request(String message, List<Long> auditEntries) {
    }

    /** The answer of {@code GET /me/reports}: the caller's reports, newest first. */
    public record Listing(List<MisuseReportRepresentation> reports) {
    }
}
