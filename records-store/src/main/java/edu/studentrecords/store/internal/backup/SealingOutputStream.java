package edu.studentrecords.store.internal.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes a backup file: the header; the contents cut into chunks of the header's chunk size, each sealed on its
 * own ({@link ChunkCipher}) and framed by 4 bytes, its plaintext length; then, on {@link #finish}, the manifest
 * sealed as the last chunk (the top bit of its frame set) and a {@value #TRAILER_BYTES}-byte trailer: where the
 * manifest's frame starts and its sequence number, which is the number of content chunks before it. A reader opens
 * the manifest first ({@link CheckedBackupRead}). A file closed without {@link #finish} has no manifest and does
 * not open. Not thread-safe.
 */
public final class SealingOutputStream extends OutputStream {

    /** The trailer: the manifest frame's offset in the file and its chunk sequence number, 8 bytes each. */
    public static final int TRAILER_BYTES = 16;
    static final int LAST = 0x8000_0000;

    private final OutputStream out;
    private final ChunkCipher cipher;
    private final byte[] buffer;
    private int filled;
    private long sequence;
    private long position;
    private boolean finished;

    public SealingOutputStream(OutputStream out, BackupFileHeader header, byte[] backupKey) throws IOException {
        this.out = out;
        byte[] headerBytes = header.bytes();
        this.cipher = new ChunkCipher(header.fileKey(backupKey), headerBytes);
        this.buffer = new byte[header.chunkSize()];
        out.write(headerBytes);
        position = headerBytes.length;
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == buffer.length) {
            flushChunk();
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == buffer.length) {
                flushChunk();
            }
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    private void flushChunk() throws IOException {
        writeFrame(filled, cipher.seal(sequence++, false, buffer, filled));
        filled = 0;
    }

    private void writeFrame(int word, byte[] sealed) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(word).array());
        out.write(sealed);
        position += 4 + sealed.length;
    }

    /**
     * Seals what is left of the contents, then {@code manifest} as the last chunk, then writes the trailer. Nothing
     * may be written afterwards.
     */
    public void finish(byte[] manifest) throws IOException {
        if (finished) {
            throw new IllegalStateException("the manifest is written already");
        }
        if (filled > 0) {
            flushChunk();
        }
        finished = true;
        long manifestAt = position;
        long manifestSequence = sequence;
        writeFrame(manifest.length | LAST, cipher.seal(manifestSequence, true, manifest, manifest.length));
        out.write(ByteBuffer.allocate(TRAILER_BYTES).putLong(manifestAt).putLong(manifestSequence).array());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
