package edu.studentrecords.keycloak.mail;

import java.net.URI;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Sends a guardian the one-time link of an invitation, in English and Simplified Chinese, once the request that made it
 * has committed. The link opens the account console, where the guardian signs in (or registers) and accepts; its token
 * travels in the fragment, which browsers never send to a server. The mail names no student and no record.
 */
public final class GuardianInvitationMail {

    private static final Logger LOG = Logger.getLogger(GuardianInvitationMail.class);

    private GuardianInvitationMail() {
    }

    /** Mails {@code to} the link of {@code token} after the request commits; nothing without SMTP settings. */
    public static void afterCommit(KeycloakSession session, URI serverBase, String to, String token) {
        NoticeDelivery.afterCommit(session, (own, realm) -> send(own, realm, serverBase, to, token),
                e -> LOG.errorf("An invitation mail failed: %s", e.getClass().getName()));
    }

    /** The address the mail links to: the realm's account console, the token in the fragment. */
    public static String link(URI serverBase, String realmName, String token) {
        String base = serverBase.toString().endsWith("/") ? serverBase.toString() : serverBase + "/";
        return base + "realms/" + realmName + "/account/#/my-children?invitation=" + token;
    }

    private static void send(KeycloakSession session, RealmModel realm, URI serverBase, String to, String token) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            return;
        }
        String link = link(serverBase, realm.getName(), token);
        String text = "You are invited to act for your child in the student records of the school. Open this link, "
                + "sign in (or register) with your guardian account and accept the invitation. The link works once "
                + "and expires in 7 days.\n" + link
                + "\n\n----\n您被邀请在学校的学籍档案系统中代您的子女办理事务。请打开以下链接，使用监护人账号登录（或注册）并接受邀请。"
                + "该链接仅可使用一次，7天后失效。\n" + link + "\n";
        try {
            session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), to,
                    "Invitation to act for your child / 代子女办理事务的邀请 (" + NoticeDelivery.realmName(realm) + ")",
                    text, null);
        } catch (EmailException e) {
            LOG.warnf("An invitation mail could not be sent (%s)", e.getClass().getSimpleName());
        }
    }
}
