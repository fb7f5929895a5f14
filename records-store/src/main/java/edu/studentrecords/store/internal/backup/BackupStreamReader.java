package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.StoreException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads what {@link BackupStreamWriter} wrote, checking the structure as it goes, and hands every part to a
 * {@link Visitor}. Anything out of place (a document outside a collection, a collection twice, an unknown tag, a
 * stream that ends inside a collection) is a {@link StoreException}. Not thread-safe.
 */
public final class BackupStreamReader {

    /** BSON's own limit plus room for the server's overhead. */
    private static final int MAX_DOCUMENT = (16 << 20) + (16 << 10);

    /** Receives the parts of a backup in order. */
    public interface Visitor {
        void beginCollection(String name, long sizeAtStart);

        /** A document's BSON: {@code bytes[0..length)}; the array is the visitor's to keep. */
        void document(String collection, byte[] bytes);

        void endCollection(String name);
    }

    private BackupStreamReader() {
    }

    /** Reads the whole stream into {@code visitor}. */
    public static void read(InputStream plaintext, Visitor visitor) throws IOException {
        DataInputStream in = new DataInputStream(plaintext);
        Set<String> seen = new HashSet<>();
        String current = null;
        try {
            while (true) {
                int tag = in.read();
                switch (tag) {
                    case BackupStreamWriter.COLLECTION -> {
                        requireOutside(current);
                        current = in.readUTF();
                        if (!seen.add(current)) {
                            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup holds a collection twice");
                        }
                        visitor.beginCollection(current, in.readLong());
                    }
                    case BackupStreamWriter.DOCUMENT -> {
                        if (current == null) {
                            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup holds a document outside any collection");
                        }
                        visitor.document(current, readBson(in));
                    }
                    case BackupStreamWriter.END -> {
                        if (current == null) {
                            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup ends a collection it never began");
                        }
                        visitor.endCollection(current);
                        current = null;
                    }
                    case -1 -> {
                        requireOutside(current);
                        return;
                    }
                    default -> throw StoreException.malformed(StoreException.Subject.BACKUP, "backup holds an unknown record");
                }
            }
        } catch (EOFException e) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup ends in the middle of a record");
        }
    }

    private static void requireOutside(String current) {
        if (current != null) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup does not end collection " + current);
        }
    }

    private static byte[] readBson(DataInputStream in) throws IOException {
        byte[] size = new byte[4];
        in.readFully(size);
        int length = (size[0] & 0xff) | (size[1] & 0xff) << 8 | (size[2] & 0xff) << 16 | (size[3] & 0xff) << 24;
        if (length < 5 || length > MAX_DOCUMENT) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup holds a document of impossible size");
        }
        byte[] bson = new byte[length];
        System.arraycopy(size, 0, bson, 0, 4);
        in.readFully(bson, 4, length - 4);
        if (bson[length - 1] != 0) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup holds a malformed document");
        }
        return bson;
    }
}
