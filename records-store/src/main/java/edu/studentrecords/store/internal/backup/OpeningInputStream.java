package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.StoreException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a backup file written by {@link SealingOutputStream}: checks the header against the backup key, then
 * opens chunk after chunk, handing out plaintext only of chunks that authenticate. End of stream is reported
 * only after the last chunk opened and nothing follows it; everything else is a {@link StoreException}
 * naming the chunk. Not thread-safe.
 */
public final class OpeningInputStream extends InputStream {

    private final InputStream in;
    private final ChunkCipher cipher;
    private final int chunkSize;
    private byte[] plain = new byte[0];
    private int position;
    private long sequence;
    private boolean sawLast;

    public OpeningInputStream(InputStream in, byte[] backupKey) throws IOException {
        this.in = in;
        byte[] headerBytes = readFully(BackupFileHeader.LENGTH, "the file is shorter than a backup header");
        BackupFileHeader header = BackupFileHeader.parse(headerBytes, backupKey);
        this.cipher = new ChunkCipher(header.fileKey(backupKey), headerBytes);
        this.chunkSize = header.chunkSize();
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

    /** Makes plaintext available; false at the true end of the file. */
    private boolean fill() throws IOException {
        while (position == plain.length) {
            if (sawLast) {
                if (in.read() != -1) {
                    throw StoreException.malformed(StoreException.Subject.BACKUP, "bytes follow the last chunk (chunk " + (sequence - 1) + ")");
                }
                return false;
            }
            openNext();
        }
        return true;
    }

    private void openNext() throws IOException {
        long number = sequence;
        byte[] frame = readFully(4, "the file ends before its last chunk (after chunk " + (number - 1) + ")");
        int word = ((frame[0] & 0xff) << 24) | ((frame[1] & 0xff) << 16) | ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
        boolean last = word < 0;
        int length = word & 0x7fff_ffff;
        if (length > chunkSize) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "chunk " + number + " has an impossible length");
        }
        byte[] sealed = readFully(length + ChunkCipher.TAG_BYTES, "the file ends inside chunk " + number);
        byte[] opened = cipher.open(number, last, sealed);
        if (opened == null) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "chunk " + number + " fails authentication (damaged, moved, or not the last chunk)");
        }
        sequence++;
        sawLast = last;
        plain = opened;
        position = 0;
    }

    private byte[] readFully(int length, String whenShort) throws IOException {
        byte[] bytes = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(bytes, read, length - read);
            if (n < 0) {
                throw StoreException.malformed(StoreException.Subject.BACKUP, whenShort);
            }
            read += n;
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
