package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.keycloak.rest.representation.PurgeRequestRepresentation;
import java.nio.charset.StandardCharsets;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.models.KeycloakSession;

/**
 * Signs a destruction certificate with the realm's active RS256 key, as a compact JWS whose payload is the
 * certificate's JSON. Anyone can check it offline with the realm's public key alone (from
 * {@code /realms/{realm}/protocol/openid-connect/certs}, matched by the JWS header's {@code kid}).
 */
public final class DestructionCertificates {

    /** The JWS {@code typ} of a signed certificate. */
    static final String TYPE = "destruction-certificate+jwt";

    private DestructionCertificates() {
    }

    public static String sign(KeycloakSession session, PurgeRequestRepresentation.Certificate certificate) {
        SignatureSignerContext signer = session.getProvider(SignatureProvider.class, Algorithm.RS256).signer();
        return new JWSBuilder().type(TYPE).kid(signer.getKid())
                .content(JsonBodies.write(certificate).getBytes(StandardCharsets.UTF_8))
                .sign(signer);
    }
}
