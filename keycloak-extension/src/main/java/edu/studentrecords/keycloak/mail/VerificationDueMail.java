package edu.studentrecords.keycloak.mail;

import edu.studentrecords.store.notices.VerificationReminder;
import java.time.ZoneOffset;
import java.util.Map;
import org.keycloak.models.KeycloakSession;

/**
 * Reminds a student that the periodic confirmation of their record falls due (template
 * {@code student-records-verification-due.ftl}): the date, and where to confirm; no record value.
 */
public final class VerificationDueMail {

    static final String TEMPLATE = "student-records-verification-due.ftl";
    private static final String SUBJECT = "studentRecordsVerificationDueSubject";

    private VerificationDueMail() {
    }

    /** Mails the student once {@code session}'s transaction has committed. */
    public static void afterCommit(KeycloakSession session, VerificationReminder reminder) {
        new StudentMail(TEMPLATE, SUBJECT, Map.of("dueOn", reminder.dueAt().atZone(ZoneOffset.UTC).toLocalDate()
                .toString())).afterCommit(session, reminder.userId());
    }
}
