package edu.studentrecords.store.internal.crypto;

/** A ciphertext that cannot be decrypted: wrong key, wrong associated data, or altered bytes. */
public final class UnreadableCiphertextException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnreadableCiphertextException(String message) {
        super(message);
    }
}
