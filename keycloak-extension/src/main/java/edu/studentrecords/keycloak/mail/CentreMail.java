package edu.studentrecords.keycloak.mail;

import edu.studentrecords.keycloak.settings.SelfCheckSettings;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Tells the information management centre (realm attribute {@code student-records.centre-email}) that a student's
 * correction request or misuse report waits for it, in English and Simplified Chinese. The mail names no student,
 * record, value or message: the centre reads those in its screens, signed in. Sent after the request committed;
 * nothing when the realm has no centre address or no SMTP settings.
 */
public final class CentreMail {

    private static final Logger LOG = Logger.getLogger(CentreMail.class);

    /** What waits for the centre. */
    public enum Waiting {
        CORRECTION("A new correction request waits for the centre", "有新的更正申请等待中心处理",
                "A student asked for a correction of their record. Review it under \"Corrections\" in the centre.",
                "有学生申请更正其学籍档案。请在信息管理中心的“更正申请”中审核。", "corrections"),
        REPORT("A new misuse report waits for the centre", "有新的举报等待中心处理",
                "A student reported a misuse of their information. Read it under \"Reports\" in the centre.",
                "有学生举报其个人信息被违规使用。请在信息管理中心的“举报”中查看。", "reports");

        private final String subject;
        private final String subjectZh;
        private final String body;
        private final String bodyZh;
        private final String page;

        Waiting(String subject, String subjectZh, String body, String bodyZh, String page) {
            this.subject = subject;
            this.subjectZh = subjectZh;
            this.body = body;
            this.bodyZh = bodyZh;
            this.page = page;
        }
    }

    private CentreMail() {
    }

    /** Mails the centre that {@code waiting} waits, once {@code session}'s transaction has committed. */
    public static void afterCommit(KeycloakSession session, Waiting waiting) {
        NoticeDelivery.afterCommit(session, (own, realm) -> send(own, realm, waiting),
                e -> LOG.errorf("A mail to the centre failed: %s", e.getClass().getName()));
    }

    private static void send(KeycloakSession session, RealmModel realm, Waiting waiting) {
        String to = realm.getAttribute(SelfCheckSettings.CENTRE_EMAIL);
        if (to == null || to.isBlank() || realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        String centre = "/realms/" + realm.getName() + "/student-records/centre/" + waiting.page;
        String text = waiting.body + "\n" + centre + "\n\n----\n" + waiting.bodyZh + "\n" + centre + "\n";
        try {
            session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), to.strip(),
                    waiting.subject + " / " + waiting.subjectZh + " (" + NoticeDelivery.realmName(realm) + ")", text,
                    null);
        } catch (EmailException e) {
            LOG.warnf("A mail to the centre could not be sent (%s)", e.getClass().getSimpleName());
        }
    }
}
