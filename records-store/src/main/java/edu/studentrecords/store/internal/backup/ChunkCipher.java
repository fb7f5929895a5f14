package edu.studentrecords.store.internal.backup;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the chunks of one backup file. The nonce is the chunk's sequence number (unique under the
 * file's own key, which no other file shares); the associated data is the file header, the sequence number and
 * whether the chunk is the last, so a chunk moved, dropped, repeated, or a file cut after any chunk, fails to open.
 * Not thread-safe: one per file.
 */
final class ChunkCipher {

    static final int TAG_BYTES = 16;

    private final SecretKeySpec key;
    private final byte[] header;
    private final Cipher cipher;

    ChunkCipher(byte[] fileKey, byte[] header) {
        this.key = new SecretKeySpec(fileKey, "AES");
        this.header = header.clone();
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    byte[] seal(long sequence, boolean last, byte[] plain, int length) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(sequence)));
            cipher.updateAAD(associatedData(sequence, last));
            return cipher.doFinal(plain, 0, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The plaintext, or null when the chunk does not authenticate. */
    byte[] open(long sequence, boolean last, byte[] sealed) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(sequence)));
            cipher.updateAAD(associatedData(sequence, last));
            return cipher.doFinal(sealed);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private static byte[] nonce(long sequence) {
        return ByteBuffer.allocate(12).putInt(0).putLong(sequence).array();
    }

    private byte[] associatedData(long sequence, boolean last) {
        return ByteBuffer.allocate(header.length + 9).put(header).putLong(sequence).put((byte) (last ? 1 : 0)).array();
    }
}
