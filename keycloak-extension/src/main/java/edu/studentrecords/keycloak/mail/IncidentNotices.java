package edu.studentrecords.keycloak.mail;

import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.incidents.Incident;
import edu.studentrecords.store.incidents.Incidents;
import edu.studentrecords.store.incidents.NotificationContent;
import edu.studentrecords.store.incidents.StudentToNotify;
import edu.studentrecords.store.model.FieldGroup;
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
 * Tells every student an incident affected (PIPL art. 57, template {@code student-records-incident.ftl}), each in
 * their own language: what happened, which of their information, why, the possible harm, what the school did, what
 * they can do, whom to contact. Each mail names only its recipient's own groups; never another student. Runs after
 * the request committed, off the request thread, counting each student as sent or failed in the store, so the centre
 * polls the progress.
 */
public final class IncidentNotices {

    static final String TEMPLATE = "student-records-incident.ftl";
    private static final String SUBJECT = "studentRecordsIncidentSubject";
    private static final Logger LOG = Logger.getLogger(IncidentNotices.class);

    private IncidentNotices() {
    }

    /** Mails {@code students} about {@code incident} once {@code session}'s transaction has committed. */
    public static void afterCommit(KeycloakSession session, Incident incident, NotificationContent content,
            List<StudentToNotify> students) {
        NoticeDelivery.afterCommit(session, (own, realm) -> sendAll(own, realm, incident, content, students),
                e -> LOG.errorf("The notification of an incident failed: %s", e.getClass().getName()));
    }

    private static void sendAll(KeycloakSession session, RealmModel realm, Incident incident,
            NotificationContent content, List<StudentToNotify> students) {
        Incidents incidents = session.getProvider(StudentRecordsProvider.class).store(realm).incidents();
        for (StudentToNotify student : students) {
            boolean sent;
            try {
                sent = send(session, realm, incident, content, student);
            } catch (RuntimeException e) {
                LOG.warnf("An incident notice could not be sent (%s)", e.getClass().getSimpleName());
                sent = false;
            }
            incidents.notified(incident.id(), sent);
        }
    }

    private static boolean send(KeycloakSession session, RealmModel realm, Incident incident,
            NotificationContent content, StudentToNotify student) {
        UserModel user = session.users().getUserById(realm, student.userId());
        if (user == null || !user.isEnabled() || user.getEmail() == null) {
            return false;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("realmName", NoticeDelivery.realmName(realm));
        attributes.put("discoveredAt", incident.discoveredAt().toString());
        attributes.put("title", incident.title());
        attributes.put("groupKeys", FieldGroup.ALL.stream().filter(student.groups()::contains)
                .map(IncidentNotices::messageKey).toList());
        attributes.put("cause", content.cause());
        attributes.put("harm", content.harm());
        attributes.put("remedies", content.remedies());
        attributes.put("advice", content.advice());
        attributes.put("contact", content.contact());
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(SUBJECT, List.of(), TEMPLATE, attributes);
            return true;
        } catch (EmailException e) {
            LOG.warnf("An incident notice could not be sent (%s)", e.getClass().getSimpleName());
            return false;
        }
    }

    /** The message key of a group's name, so each language names it in its own words. */
    static String messageKey(FieldGroup group) {
        return switch (group) {
            case PROFILE -> "studentRecordProfile";
            case IDENTITY -> "studentRecordIdentity";
            case CONTACT -> "studentRecordContact";
            case GUARDIANS -> "studentRecordGuardians";
        };
    }
}
