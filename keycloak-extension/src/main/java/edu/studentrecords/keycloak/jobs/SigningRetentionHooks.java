package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.keycloak.audit.AuditRetention;
import edu.studentrecords.keycloak.rest.representation.PurgeRequestRepresentation;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.DestructionCertificate;
import edu.studentrecords.store.retention.Retention;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What Keycloak adds to a retention run: each destroyed record is taken out of this node's search index as a purge
 * approval does, each certificate is signed with the realm's key like a purge approval's, and the audit trail's
 * epochs past their retention are exported and dropped.
 */
public final class SigningRetentionHooks implements Retention.Hooks {

    private static final Logger LOG = Logger.getLogger(SigningRetentionHooks.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public SigningRetentionHooks(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public void destroyed(Destruction destruction) {
        session.getProvider(StudentRecordsProvider.class).purgeFromIndex(realm, destruction);
    }

    @Override
    public String sign(DestructionCertificate certificate) {
        return DestructionCertificates.sign(session, PurgeRequestRepresentation.Certificate.of(certificate));
    }

    /** The audit trail's own retention: a failure is logged, never turned into a failed retention run. */
    @Override
    public void auditRetention(int auditRetentionDays, Instant now) {
        try {
            AuditRetention.apply(session, realm, auditRetentionDays, now);
        } catch (RuntimeException e) {
            LOG.errorf("The audit trail's retention in realm %s failed: %s", realm.getName(), e.getClass().getName());
        }
    }
}
