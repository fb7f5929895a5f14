package edu.studentrecords.keycloak.mail;

import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.notices.RecipientNotice;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Mails an application's contact address (client attribute {@code student-records.contact-email}) that a record it
 * read changed, in English and Simplified Chinese: the notice's id, the record's id, which groups and when; never a
 * value. The application reads and acknowledges the notice at {@code GET /notices}. Sent after the request committed;
 * a client without the attribute gets no mail (its notices wait at {@code /notices}).
 */
public final class RecipientMail {

    /** The client attribute naming the address an application's notices are mailed to. */
    public static final String CONTACT_EMAIL = "student-records.contact-email";
    private static final Logger LOG = Logger.getLogger(RecipientMail.class);

    private RecipientMail() {
    }

    /** Mails the contacts of the applications {@code notices} go to, once {@code session}'s transaction committed. */
    public static void afterCommit(KeycloakSession session, List<RecipientNotice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        NoticeDelivery.afterCommit(session, (own, realm) -> notices.forEach(n -> send(own, realm, n)),
                e -> LOG.errorf("A notice of a change could not be mailed: %s", e.getClass().getName()));
    }

    private static void send(KeycloakSession session, RealmModel realm, RecipientNotice notice) {
        ClientModel client = realm.getClientByClientId(notice.clientId());
        String to = client == null ? null : client.getAttribute(CONTACT_EMAIL);
        if (to == null || to.isBlank() || realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        String groups = String.join(", ", FieldGroup.ALL.stream().filter(notice.groups()::contains)
                .map(FieldGroup::jsonName).toList());
        String realmName = NoticeDelivery.realmName(realm);
        String subject = "Student record changed / 学籍档案已更正: " + notice.kind();
        String text = "The information management centre of " + realmName + " changed a student record that "
                + notice.clientId() + " read in the last 180 days. Please correct any copy you keep.\n\n"
                + "Notice: " + notice.id() + "\nRecord: " + notice.recordId() + "\nChanged: " + groups
                + " (" + notice.kind() + ") at " + notice.changedAt() + "\n\n"
                + "Read the notice with GET /realms/" + realm.getName() + "/student-records/notices and acknowledge it "
                + "with POST /realms/" + realm.getName() + "/student-records/notices/" + notice.id() + "/ack.\n\n"
                + "----\n"
                + realmName + " 信息管理中心更正了 " + notice.clientId() + " 在过去 180 天内读取过的一份学籍档案。"
                + "请更正您保存的副本。\n\n通知编号：" + notice.id() + "\n档案编号：" + notice.recordId()
                + "\n更正的部分：" + groups + "（" + notice.kind() + "），时间：" + notice.changedAt() + "\n\n"
                + "请通过 GET /realms/" + realm.getName() + "/student-records/notices 查看通知，并通过 POST "
                + "/realms/" + realm.getName() + "/student-records/notices/" + notice.id() + "/ack 确认。\n";
        try {
            session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), to.strip(), subject, text, null);
        } catch (EmailException e) {
            LOG.warnf("A notice of a change could not be mailed (%s)", e.getClass().getSimpleName());
        }
    }
}
