package edu.studentrecords.demo;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Random;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A Keycloak password credential computed ahead of import, in the stored form of Keycloak's
 * {@code pbkdf2-sha512} hash provider. Hashing 1,200 passwords at the server's default cost would make the
 * first start take minutes; a demo password equals its username, so a low work factor costs nothing here.
 * Keycloak re-hashes a password with its own policy at the first successful login.
 */
final class DemoPasswordHash {

    static final String ALGORITHM = "pbkdf2-sha512";
    static final int ITERATIONS = 1_000;
    private static final int KEY_BITS = 512;
    private static final int SALT_BYTES = 16;

    private DemoPasswordHash() {
    }

    /**
     * The credential's two stored parts.
     *
     * @param secretData     JSON with the base64 hash and salt
     * @param credentialData JSON with the algorithm and its iterations
     */
    record Stored(String secretData, String credentialData) {

        @Override
        public String toString() {
            return "Stored[<hidden>]";
        }
    }

    /** Hashes {@code password} with a salt drawn from {@code random} (seeded, so the realm file is reproducible). */
    static Stored hash(String password, Random random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
            byte[] hash = factory.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, KEY_BITS)).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            String secret = "{\"value\":\"" + base64.encodeToString(hash) + "\",\"salt\":\"" + base64.encodeToString(salt)
                    + "\",\"additionalParameters\":{}}";
            String data = "{\"hashIterations\":" + ITERATIONS + ",\"algorithm\":\"" + ALGORITHM + "\",\"additionalParameters\":{}}";
            return new Stored(secret, data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available", e);
        }
    }
}
