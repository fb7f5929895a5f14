package edu.studentrecords.keycloak.audit;

import edu.studentrecords.store.audit.AuditSigner;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.models.KeycloakSession;

/**
 * Signs the audit trail's checkpoints, exports and extracts with the realm's active RS256 key, as destruction
 * certificates are: a compact JWS anyone can check offline with the realm's public key (from
 * {@code /realms/{realm}/protocol/openid-connect/certs}, matched by the header's {@code kid}). Lives as long as its
 * session.
 */
public final class RealmAuditSigner implements AuditSigner {

    private final KeycloakSession session;

    public RealmAuditSigner(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String sign(String type, byte[] json) {
        SignatureSignerContext signer = session.getProvider(SignatureProvider.class, Algorithm.RS256).signer();
        return new JWSBuilder().type(type).kid(signer.getKid()).content(json).sign(signer);
    }
}
