package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.store.reports.MisuseReport;
import edu.studentrecords.store.reports.Severity;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A misuse report as the centre sees it at {@code /reports}: {@code id, recordId, status, message, auditEntries,
 * linkedEntries, severity, assignee, createdAt, triagedAt, triagedBy, outcome, decidedAt, decidedBy}. Who triaged and
 * who decided are usernames (the user id when the user is gone).
 */
public record CentreReportRepresentation(String id, String recordId, String status, String message,
        List<Long> auditEntries, List<Long> linkedEntries, String severity, String assignee, Instant createdAt,
        Instant triagedAt, String triagedBy, String outcome, Instant decidedAt, String decidedBy, String kind,
        String sentBy, String sentByRole) {

    /** @param usernames the username of a subject, the subject itself when unknown */
    public static CentreReportRepresentation of(MisuseReport report, UnaryOperator<String> usernames) {
        return new CentreReportRepresentation(report.id(), report.recordId(), report.status().name(),
                report.message(), report.auditEntries(), report.linkedEntries(),
                report.severity() == null ? null : report.severity().name(), report.assignee(), report.createdAt(),
                report.triagedAt(), report.triagedBy() == null ? null : usernames.apply(report.triagedBy()),
                report.outcome(), report.decidedAt(),
                report.decidedBy() == null ? null : usernames.apply(report.decidedBy()), report.kind().name(),
                report.sentBy() == null ? null : usernames.apply(report.sentBy()), report.sentByRole());
    }

    /** The body of {@code POST /reports/{id}/triage}. */
    public record TriageRequest(Severity severity, String assignee, List<Long> linkedEntries) {
    }

    /** The body of {@code POST /reports/{id}/resolve}. */
    public record ResolveRequest(String outcome) {

        @Override
        public String toString() {
            return "ResolveRequest[<hidden>]";
        }
    }

    /** The answer of {@code GET /reports}. */
    public record Listing(List<CentreReportRepresentation> reports) {
    }
}
