package edu.studentrecords.keycloak.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * One email to one student through the realm's mail settings and email theme (templates in
 * {@code theme-resources/templates/{html,text}}, messages in English and Simplified Chinese, the user's locale). Sent
 * after the request's transaction committed, on Keycloak's executor, in a session of its own ({@link NoticeDelivery}),
 * so a slow or failing mail server never holds up or undoes the decision; nothing is sent when the request rolls
 * back. Logs the template and the failure's type only, never an address or a value.
 *
 * @param template   the template file, e.g. {@code student-records-report-resolved.ftl}
 * @param subjectKey the message key of the subject line
 * @param attributes what the template shows besides {@code realmName}: codes and times, never record values
 */
record StudentMail(String template, String subjectKey, Map<String, Object> attributes) {

    private static final Logger LOG = Logger.getLogger(StudentMail.class);

    StudentMail {
        attributes = Map.copyOf(attributes);
    }

    /** Sends this mail to the user {@code userId} once {@code session}'s transaction has committed. */
    void afterCommit(KeycloakSession session, String userId) {
        NoticeDelivery.afterCommit(session, (own, realm) -> send(own, realm, userId),
                e -> LOG.errorf("A student notice (%s) failed: %s", template, e.getClass().getName()));
    }

    private void send(KeycloakSession session, RealmModel realm, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null || !user.isEnabled() || user.getEmail() == null) {
            return;
        }
        Map<String, Object> all = new LinkedHashMap<>(attributes);
        all.put("realmName", NoticeDelivery.realmName(realm));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(subjectKey, List.of(), template, all);
        } catch (EmailException e) {
            LOG.warnf("A student notice (%s) could not be sent (%s)", template, e.getClass().getSimpleName());
        }
    }
}
