package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.model.FieldGroup;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes an entry's chain hash: HMAC-SHA-256 under the audit key over a canonical encoding of every
 * field but the hash itself.
 *
 * <p>The encoding is unambiguous: a format tag, fixed-width numbers, every string length-prefixed with a
 * marker that tells null from empty, every list count-prefixed, groups in enum order by constant name.
 * Renaming a {@link FieldGroup} or {@code Decision} constant therefore invalidates existing chains.
 *
 * <p>Thread-safe: each call works on its own {@link Mac}.
 */
final class ChainMac {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String FORMAT = "studentrecords.audit.v1";
    static final int MIN_KEY_BYTES = 32;

    private final Mac prototype;

    ChainMac(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the audit key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** The hash the entry must carry, computed from all its other fields. */
    String hashOf(AuditEntry entry) {
        return HexFormat.of().formatHex(newMac().doFinal(canonical(entry)));
    }

    static byte[] canonical(AuditEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, FORMAT);
            out.writeLong(entry.sequence());
            out.writeLong(entry.time().getEpochSecond());
            out.writeInt(entry.time().getNano());
            writeString(out, entry.subject());
            writeString(out, entry.clientId());
            writeString(out, entry.purpose());
            writeString(out, entry.grantId());
            writeString(out, entry.recordId());
            writeStrings(out, entry.recordIds());
            out.writeInt(entry.groups().size());
            for (FieldGroup group : FieldGroup.values()) {
                if (entry.groups().contains(group)) {
                    writeString(out, group.name());
                }
            }
            writeString(out, entry.operation());
            writeString(out, entry.decision().name());
            writeString(out, entry.reason());
            writeString(out, entry.previousHash());
            // Appended only when present, so that every entry written before the field existed hashes as it did.
            if (entry.impersonator() != null) {
                writeString(out, "impersonator");
                writeString(out, entry.impersonator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " cannot be cloned", e);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeByte(1);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
