package edu.studentrecords.keycloak.mail;

import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.model.FieldGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Tells every student a newly approved grant covers, by email through the realm's own mail settings and email
 * theme (template {@code student-records-grant-approved.ftl}, English and Simplified Chinese). Runs after the
 * approving request's transaction committed, on Keycloak's executor, in a session of its own: finding the covered
 * students scans the record headers, which must not hold up the response. Logs counts only.
 */
public final class GrantNotices {

    static final String TEMPLATE = "student-records-grant-approved.ftl";
    private static final String SUBJECT = "studentRecordsGrantApprovedSubject";
    private static final Logger LOG = Logger.getLogger(GrantNotices.class);

    private GrantNotices() {
    }

    /** Sends the notices once {@code session}'s transaction has committed; nothing if it rolls back. */
    public static void afterCommit(KeycloakSession session, Grant grant) {
        NoticeDelivery.afterCommit(session, (own, realm) -> send(own, realm, grant),
                e -> LOG.errorf("Grant notices for %s failed: %s", grant.id(), e.getClass().getName()));
    }

    private static void send(KeycloakSession session, RealmModel realm, Grant grant) {
        List<String> owners = session.getProvider(StudentRecordsProvider.class).store(realm).owners().coveredBy(grant);
        int sent = 0;
        for (String owner : owners) {
            UserModel user = session.users().getUserById(realm, owner);
            if (user == null || !user.isEnabled() || user.getEmail() == null) {
                continue;
            }
            try {
                session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                        .send(SUBJECT, List.of(), TEMPLATE, attributes(realm, grant));
                sent++;
            } catch (EmailException e) {
                LOG.warnf("A grant notice could not be sent (%s)", e.getClass().getSimpleName());
            }
        }
        LOG.infof("Grant %s approved: %d of %d covered students told by email", grant.id(), sent, owners.size());
    }

    private static Map<String, Object> attributes(RealmModel realm, Grant grant) {
        ClientModel client = realm.getClientByClientId(grant.clientId());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("realmName", NoticeDelivery.realmName(realm));
        attributes.put("clientName", client != null && client.getName() != null ? client.getName() : grant.clientId());
        attributes.put("purpose", grant.purpose());
        attributes.put("groups", grant.groups().stream().map(FieldGroup::jsonName).collect(Collectors.joining(", ")));
        attributes.put("agreementReference", grant.agreementReference());
        attributes.put("expiresAt", grant.expiresAt().toString());
        return attributes;
    }
}
