package edu.studentrecords.store.internal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The log feed's file on this node: JSON lines, appended and forced to disk before the feed's position moves. After a
 * crash the file may hold lines the position does not count yet (they are not written again) and, at its end, a line
 * cut short (it is removed, and written again whole).
 */
final class FeedFile {

    private static final int TAIL = 1 << 16;

    private final Path file;

    FeedFile(Path file) {
        this.file = file;
    }

    /** The sequence of the last whole line, or 0; cuts a partial last line off first. */
    long lastSequence() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raf.length();
            if (length == 0) {
                return 0;
            }
            int size = (int) Math.min(TAIL, length);
            byte[] tail = new byte[size];
            raf.seek(length - size);
            raf.readFully(tail);
            int lastNewline = -1;
            for (int i = size - 1; i >= 0; i--) {
                if (tail[i] == '\n') {
                    lastNewline = i;
                    break;
                }
            }
            if (lastNewline < 0) {
                if (size == length) {
                    raf.setLength(0);
                    return 0;
                }
                throw new IOException("the feed file ends in a line longer than " + TAIL + " bytes");
            }
            if (lastNewline != size - 1) {
                raf.setLength(length - size + lastNewline + 1);
                raf.getChannel().force(true);
            }
            int start = lastNewline - 1;
            while (start >= 0 && tail[start] != '\n') {
                start--;
            }
            String line = new String(tail, start + 1, lastNewline - start - 1, StandardCharsets.UTF_8);
            if (line.isBlank()) {
                return 0;
            }
            JsonNode node = EntryJson.JSON.readTree(line);
            return node.path("sequence").asLong(0);
        }
    }

    /** Appends the lines and forces them to disk. */
    void append(List<byte[]> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (byte[] line : lines) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
    }
}
