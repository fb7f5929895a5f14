package edu.studentrecords.store.internal.backup;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts the documents of one collection and hashes their BSON bytes in order. Not thread-safe. */
public final class CollectionDigest {

    private final MessageDigest sha256;
    private long count;

    public CollectionDigest() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void add(byte[] bson, int offset, int length) {
        sha256.update(bson, offset, length);
        count++;
    }

    public long count() {
        return count;
    }

    /** The hash in hex; call once, at the end. */
    public String finish() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
