package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The clear header that starts a backup file: magic, format version, chunk size, the id of the backup key and
 * a random salt from which the file's own key is derived. The header is bound into every chunk's associated
 * data, so changing any of its bytes makes every chunk fail to open.
 *
 * @param formatVersion the format version
 * @param chunkSize     the largest plaintext of one chunk
 * @param keyId         the first 8 bytes of SHA-256 of the backup key, to tell "wrong key" from "damaged"
 * @param salt          32 random bytes, fresh per file
 */
public record BackupFileHeader(int formatVersion, int chunkSize, byte[] keyId, byte[] salt) {

    /**
     * The format this code writes and reads: 2, the manifest sealed after the contents and pointed at from the
     * file's last bytes, so that it is opened first. Format 1 (the manifest at the end of the contents' stream) is
     * refused by name.
     */
    public static final int FORMAT_VERSION = 2;
    /** Header length in bytes. */
    public static final int LENGTH = 56;
    /** Smallest and largest chunk sizes accepted. */
    public static final int MIN_CHUNK = 1024;
    public static final int MAX_CHUNK = 64 << 20;

    private static final byte[] MAGIC = "SRBACKUP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_LABEL = "student-records backup file key v1".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_BYTES = 32;
    private static final int KEY_ID_BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A header for a new file. */
    public static BackupFileHeader fresh(byte[] backupKey, int chunkSize) {
        if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk size must be between " + MIN_CHUNK + " and " + MAX_CHUNK);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new BackupFileHeader(FORMAT_VERSION, chunkSize, keyId(backupKey), salt);
    }

    /**
     * Reads a header and checks it belongs to {@code backupKey}.
     *
     * @throws StoreException when it is not a backup header of this format or was made with another key
     */
    public static BackupFileHeader parse(byte[] bytes, byte[] backupKey) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "not a student-records backup file (header damaged)");
        }
        int version = in.getInt();
        if (version == 1) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup format version 1 is no longer read: restore it with "
                    + "the release that made it, then take a new backup");
        }
        if (version != FORMAT_VERSION) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup format version " + version + " is not known (header damaged or newer)");
        }
        int chunkSize = in.getInt();
        if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup header names an impossible chunk size");
        }
        byte[] keyId = new byte[KEY_ID_BYTES];
        in.get(keyId);
        byte[] expected = keyId(backupKey);
        if (!MessageDigest.isEqual(keyId, expected)) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup was made with backup key " + HexFormat.of().formatHex(keyId)
                    + ", not with the configured key " + HexFormat.of().formatHex(expected) + " (or its header is damaged)");
        }
        byte[] salt = new byte[SALT_BYTES];
        in.get(salt);
        return new BackupFileHeader(version, chunkSize, keyId, salt);
    }

    /** The header's bytes as written at the start of the file. */
    public byte[] bytes() {
        return ByteBuffer.allocate(LENGTH).put(MAGIC).putInt(formatVersion).putInt(chunkSize).put(keyId).put(salt).array();
    }

    /** The file's own AES key: HMAC-SHA256 of the backup key over a label and the salt. */
    public byte[] fileKey(byte[] backupKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(backupKey, "HmacSHA256"));
            mac.update(KEY_LABEL);
            return mac.doFinal(salt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static byte[] keyId(byte[] key) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), KEY_ID_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
