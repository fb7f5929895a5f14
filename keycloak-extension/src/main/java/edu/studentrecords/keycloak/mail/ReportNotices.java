package edu.studentrecords.keycloak.mail;

import edu.studentrecords.store.reports.MisuseReport;
import java.util.Map;
import org.keycloak.models.KeycloakSession;

/**
 * Tells a student that the centre resolved their misuse report (template {@code student-records-report-resolved.ftl}).
 * The mail names when the report was sent and that it is resolved, not the outcome's text (which may hold personal
 * data): the student reads that in the account console, signed in.
 */
public final class ReportNotices {

    static final String TEMPLATE = "student-records-report-resolved.ftl";
    private static final String SUBJECT = "studentRecordsReportResolvedSubject";

    private ReportNotices() {
    }

    /** Mails the reporting student once {@code session}'s transaction has committed. */
    public static void afterCommit(KeycloakSession session, String studentUserId, MisuseReport report) {
        new StudentMail(TEMPLATE, SUBJECT, Map.of("reportedAt", report.createdAt().toString()))
                .afterCommit(session, studentUserId);
    }
}
