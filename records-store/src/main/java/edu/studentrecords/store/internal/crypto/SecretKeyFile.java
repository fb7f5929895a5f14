package edu.studentrecords.store.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A 256-bit secret kept in a file as one line of base64. Used for the master key, the blind-index key
 * and the audit key; each has its own file so that one can be rotated or escrowed apart from the others.
 */
public final class SecretKeyFile {

    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretKeyFile() {
    }

    /**
     * Reads the key in {@code file}; when the file does not exist and {@code generateIfMissing} is true,
     * writes a new random key there first (owner-only permissions where the file system supports them).
     *
     * @throws IllegalStateException when the file is missing (and may not be generated) or malformed;
     *                               the message names the file, never the key
     */
    public static byte[] load(Path file, boolean generateIfMissing) {
        if (Files.notExists(file)) {
            if (!generateIfMissing) {
                throw new IllegalStateException("key file " + file + " does not exist");
            }
            generate(file);
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            byte[] key = Base64.getDecoder().decode(text);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("key file " + file + " must hold " + KEY_BYTES + " bytes in base64");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("key file " + file + " is not base64");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
    }

    private static void generate(Path file) {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".key", ".tmp");
            try {
                restrictToOwner(tmp);
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
                // A link that fails when another process created the key first keeps the first key.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException raced) {
                // another process generated it: use theirs
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL applies
        }
    }
}
