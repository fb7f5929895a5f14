package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * Checks a compact RS256 JWS with nothing but a public key set (JWKS) and the JDK, as someone holding a destruction
 * certificate would, away from the server.
 */
final class OfflineSignature {

    private static final Base64.Decoder URL = Base64.getUrlDecoder();

    private OfflineSignature() {
    }

    /** The payload, parsed, if the signature verifies with the key of the header's {@code kid}; null otherwise. */
    static JsonNode verifiedPayload(String jws, JsonNode jwks) throws Exception {
        String[] parts = jws.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        JsonNode header = Api.JSON.readTree(URL.decode(parts[0]));
        if (!"RS256".equals(header.path("alg").asText())) {
            return null;
        }
        PublicKey key = null;
        for (JsonNode jwk : jwks.get("keys")) {
            if (jwk.path("kid").asText().equals(header.path("kid").asText()) && "RSA".equals(jwk.path("kty").asText())) {
                key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, URL.decode(jwk.get("n").asText())), new BigInteger(1, URL.decode(jwk.get("e").asText()))));
            }
        }
        if (key == null) {
            return null;
        }
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        try {
            if (!rsa.verify(URL.decode(parts[2]))) {
                return null;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
        return Api.JSON.readTree(URL.decode(parts[1]));
    }

    /** The realm's public key set, as anyone may fetch it once and keep it. */
    static JsonNode publicKeys(String realmBaseUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(realmBaseUrl + "/protocol/openid-connect/certs")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        return Api.JSON.readTree(response.body());
    }

    /** The same JWS with one character of its payload changed: what a forger would hand over. */
    static String tampered(String jws) {
        String[] parts = jws.split("\\.");
        char[] payload = parts[1].toCharArray();
        int i = payload.length / 2;
        payload[i] = payload[i] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }
}
