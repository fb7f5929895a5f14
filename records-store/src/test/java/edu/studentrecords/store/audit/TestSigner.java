package edu.studentrecords.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * An RS256 compact-JWS signer with a fresh key pair, standing in for the realm's key, and the offline check of what
 * it signed with the public key alone.
 */
final class TestSigner implements AuditSigner {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;

    TestSigner() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    PublicKey publicKey() {
        return keys.getPublic();
    }

    @Override
    public String sign(String type, byte[] json) {
        String header = URL.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8));
        String input = header + "." + URL.encodeToString(json);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload, if the JWS verifies with {@code key}; null otherwise. */
    static JsonNode verified(String jws, PublicKey key) throws Exception {
        String[] parts = jws.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        try {
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
