package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.keycloak.rest.representation.PurgeRequestRepresentation;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.DestructionCertificate;
import edu.studentrecords.store.retention.Retention;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What Keycloak adds to a retention run: each destroyed record is taken out of this node's search index as a purge
 * approval does, and each certificate is signed with the realm's key like a purge approval's.
 */
public final class SigningRetentionHooks implements Retention.Hooks {

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
}
