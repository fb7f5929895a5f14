package edu.studentrecords.keycloak;

import edu.studentrecords.store.reports.MisuseReport;
import java.time.Instant;
import java.util.List;

/**
 * A misuse report as {@code /me/reports} answers: {@code id, status, message, auditEntries, createdAt, outcome}.
 */
record MisuseReportBody(String id, String status, String message, List<Long> auditEntries, Instant createdAt,
        String outcome) {

    static MisuseReportBody of(MisuseReport report) {
        return new MisuseReportBody(report.id(), report.status().name(), report.message(), report.auditEntries(),
                report.createdAt(), report.outcome());
    }

    /** The body of {@code POST /me/reports}. */
    record Request(String message, List<Long> auditEntries) {
    }

    /** The answer of {@code GET /me/reports}: the caller's reports, newest first. */
    record Listing(List<MisuseReportBody> reports) {
    }
}
