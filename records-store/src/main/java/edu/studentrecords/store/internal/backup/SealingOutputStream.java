package edu.studentrecords.store.internal.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes a backup file: the header, then the plaintext cut into chunks of the header's chunk size, each sealed
 * on its own ({@link ChunkCipher}) and framed by 4 bytes: the last-chunk flag in the top bit and the plaintext
 * length below it. {@link #close()} seals the last chunk (possibly empty); a file without it does not open.
 * Not thread-safe.
 */
public final class SealingOutputStream extends OutputStream {

    private static final int LAST = 0x8000_0000;

    private final OutputStream out;
    private final ChunkCipher cipher;
    private final byte[] buffer;
    private int filled;
    private long sequence;
    private boolean closed;

    public SealingOutputStream(OutputStream out, BackupFileHeader header, byte[] backupKey) throws IOException {
        this.out = out;
        byte[] headerBytes = header.bytes();
        this.cipher = new ChunkCipher(header.fileKey(backupKey), headerBytes);
        this.buffer = new byte[header.chunkSize()];
        out.write(headerBytes);
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == buffer.length) {
            flushChunk(false);
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == buffer.length) {
                flushChunk(false);
            }
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    private void flushChunk(boolean last) throws IOException {
        byte[] sealed = cipher.seal(sequence++, last, buffer, filled);
        out.write(ByteBuffer.allocate(4).putInt(filled | (last ? LAST : 0)).array());
        out.write(sealed);
        filled = 0;
    }

    /** Seals the last chunk and closes the file. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            flushChunk(true);
            out.close();
        }
    }
}
