package edu.studentrecords.store.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA-256) of sensitive values, so that exact lookups (by resident ID number, by
 * phone) work on encrypted data without storing the value. Each kind of value has its own domain, so equal
 * strings of different kinds hash differently. Without the key the hashes cannot be checked against
 * guesses. Thread-safe.
 */
public final class BlindIndex {

    /** What kind of value is hashed. */
    public enum Domain {
        RESIDENT_ID("rid"),
        PHONE("phone");

        private final String label;

        Domain(String label) {
            this.label = label;
        }
    }

    private final SecretKeySpec key;

    public BlindIndex(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("blind-index key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The hash of an already normalised value (upper-case ID number, E.164 phone) as lower-case hex. */
    public String hash(Domain domain, String normalisedValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(domain.label.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "BlindIndex[key=<hidden>]";
    }
}
