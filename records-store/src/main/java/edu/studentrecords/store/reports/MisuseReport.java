package edu.studentrecords.store.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A student's report that their information was misused, sent to the information management centre.
 *
 * @param id           the report id
 * @param recordId     the record of the student who sent it
 * @param status       where it stands
 * @param message      what the student wrote; personal data may be in it, so it is kept encrypted like the record
 * @param auditEntries sequence numbers of the audit entries on the student's own record the report is about
 * @param createdAt    when it was sent
 * @param outcome      how it was dealt with, or null while open
 * @param decidedAt    when it was dealt with, or null while open
 */
public record MisuseReport(String id, String recordId, ReportStatus status, String message, List<Long> auditEntries,
        Instant createdAt, String outcome, Instant decidedAt) {

    public MisuseReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
        auditEntries = List.copyOf(auditEntries);
    }

    /** Never prints the message: it may hold personal data. */
    @Override
    public String toString() {
        return "MisuseReport[id=" + id + ", status=" + status + ", auditEntries=" + auditEntries + "]";
    }
}
