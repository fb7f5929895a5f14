package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.StoreException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the contents of a backup file written by {@link SealingOutputStream}: the chunks between the header and
 * the manifest, whose number and extent the authenticated manifest's place gives. Plaintext is handed out only of
 * chunks that authenticate. End of stream is reported only after exactly that many chunks filled exactly that
 * extent; everything else is a {@link StoreException} naming the chunk. Not thread-safe.
 */
final class OpeningInputStream extends InputStream {

    private final InputStream in;
    private final ChunkCipher cipher;
    private final int chunkSize;
    private final long chunks;
    private final long extent;
    private byte[] plain = new byte[0];
    private int position;
    private long sequence;
    private long consumed;

    /**
     * @param in        the file from the first byte after the header
     * @param chunks    how many content chunks come before the manifest
     * @param extent    how many bytes they take, frames included
     */
    OpeningInputStream(InputStream in, ChunkCipher cipher, int chunkSize, long chunks, long extent) {
        this.in = in;
        this.cipher = cipher;
        this.chunkSize = chunkSize;
        this.chunks = chunks;
        this.extent = extent;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return plain[position++] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, plain.length - position);
        System.arraycopy(plain, position, bytes, offset, n);
        position += n;
        return n;
    }

    /** Makes plaintext available; false at the end of the contents. */
    private boolean fill() throws IOException {
        while (position == plain.length) {
            if (sequence == chunks) {
                if (consumed != extent) {
                    throw malformed("bytes lie between chunk " + (sequence - 1) + " and the manifest");
                }
                return false;
            }
            openNext();
        }
        return true;
    }

    private void openNext() throws IOException {
        long number = sequence;
        if (consumed + 4 + ChunkCipher.TAG_BYTES > extent) {
            throw malformed("the contents end before chunk " + number);
        }
        byte[] frame = readFully(4);
        int word = ((frame[0] & 0xff) << 24) | ((frame[1] & 0xff) << 16) | ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
        int length = word & 0x7fff_ffff;
        if (word < 0 || length > chunkSize || consumed + 4 + length + ChunkCipher.TAG_BYTES > extent) {
            throw malformed("chunk " + number + " has an impossible length or flag");
        }
        byte[] opened = cipher.open(number, false, readFully(length + ChunkCipher.TAG_BYTES));
        if (opened == null) {
            throw malformed("chunk " + number + " fails authentication (damaged, moved, or from another file)");
        }
        consumed += 4 + length + ChunkCipher.TAG_BYTES;
        sequence++;
        plain = opened;
        position = 0;
    }

    private byte[] readFully(int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(bytes, read, length - read);
            if (n < 0) {
                throw malformed("the file ends inside chunk " + sequence);
            }
            read += n;
        }
        return bytes;
    }

    private static StoreException malformed(String message) {
        return StoreException.malformed(StoreException.Subject.BACKUP, message);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
