package edu.studentrecords.store.internal.backup;

import java.io.DataOutputStream;
import java.io.IOException;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;

/**
 * Writes the plaintext of a backup: for each collection a start record (name, size at start), its documents as
 * BSON, an end record; then the manifest, a BSON document sealed apart from the contents
 * ({@link SealingOutputStream#finish}). Every document is written as the server returned it. Not thread-safe.
 */
public final class BackupStreamWriter implements AutoCloseable {

    static final int COLLECTION = 'C';
    static final int DOCUMENT = 'D';
    static final int END = 'E';

    private final SealingOutputStream sealing;
    private final DataOutputStream out;

    public BackupStreamWriter(SealingOutputStream out) {
        this.sealing = out;
        this.out = new DataOutputStream(out);
    }

    public void beginCollection(String name, long sizeAtStart) throws IOException {
        out.writeByte(COLLECTION);
        out.writeUTF(name);
        out.writeLong(sizeAtStart);
    }

    /** Writes the document and adds it to {@code digest}. */
    public void document(RawBsonDocument document, CollectionDigest digest) throws IOException {
        ByteBuf buffer = document.getByteBuffer();
        byte[] bytes = buffer.array();
        int offset = buffer.arrayOffset() + buffer.position();
        int length = buffer.remaining();
        out.writeByte(DOCUMENT);
        out.write(bytes, offset, length);
        digest.add(bytes, offset, length);
    }

    public void endCollection() throws IOException {
        out.writeByte(END);
    }

    /** Ends the contents and seals the manifest after them. */
    public void manifest(RawBsonDocument manifest) throws IOException {
        ByteBuf buffer = manifest.getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        System.arraycopy(buffer.array(), buffer.arrayOffset() + buffer.position(), bytes, 0, bytes.length);
        out.flush();
        sealing.finish(bytes);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
