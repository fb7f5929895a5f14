package edu.studentrecords.store.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The list of every record destroyed in one store database, which a restore of that database cannot roll back.
 *
 * <p><b>Where it lives, and why.</b> An append-only text file beside the master key
 * ({@link edu.studentrecords.store.StoreSettings#erasureLedgerFile()}), not a collection: a backup of the database
 * does not contain it and a restore does not touch it, and it survives the loss of the whole database deployment,
 * which is exactly when an old backup gets restored. The keys folder is the one place an operator must already keep
 * apart from the database and its backups (without the master key nothing restores), so the ledger adds no new
 * thing to look after. Several nodes of a cluster must share that folder (or the file) for the ledger to be complete.
 *
 * <p><b>Format.</b> One line per destruction, {@code <ISO-8601 instant> <record id>}, UTF-8. Only record ids
 * (random UUIDs) and times: no personal data. Each append is written and forced to the disk ({@code fsync})
 * before {@link #append} returns, under a file lock, so appends of several processes do not interleave. A last
 * line without its newline is a write torn by a crash; it is ignored, because the destruction it belongs to had
 * not started yet (the store appends before it destroys).
 *
 * <p>Thread-safe.
 */
public final class ErasureLedger {

    private final Path file;
    private final Object lock = new Object();

    private ErasureLedger(Path file) {
        this.file = file;
    }

    /** The ledger kept in {@code file}; the file and its folder are created on the first append. */
    public static ErasureLedger at(Path file) {
        return new ErasureLedger(Objects.requireNonNull(file, "file").toAbsolutePath());
    }

    /** Where the ledger of {@code database} is kept when the keys are in {@code keysFolder}: {@code erasures/<database>.ledger}. */
    public static Path fileFor(Path keysFolder, String database) {
        return keysFolder.resolve("erasures").resolve(database + ".ledger");
    }

    /** The file the ledger is kept in. */
    public Path file() {
        return file;
    }

    /**
     * Records that {@code recordId} is (about to be) destroyed, durably: on the disk when this returns.
     *
     * @throws UncheckedIOException when the ledger cannot be written; the caller must then not destroy
     */
    public void append(String recordId, Instant at) {
        requireId(recordId);
        byte[] line = (at.toString() + " " + recordId + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            try {
                boolean created = Files.notExists(file);
                if (created) {
                    Files.createDirectories(file.getParent());
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                     FileLock ignored = channel.lock()) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                if (created) {
                    forceDirectory(file.getParent());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the erasure ledger " + file, e);
            }
        }
    }

    /**
     * Every destruction recorded, oldest first; empty when nothing was ever destroyed.
     *
     * @throws IllegalStateException when a complete line is malformed: the ledger cannot be trusted, and a
     *                               restore must not go on without it
     */
    public List<Erasure> entries() {
        if (Files.notExists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the erasure ledger " + file, e);
        }
        List<Erasure> entries = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
            lineNumber++;
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                entries.add(parse(line, lineNumber));
            }
        }
        return entries;
    }

    private Erasure parse(String line, int lineNumber) {
        int space = line.indexOf(' ');
        try {
            if (space > 0) {
                String id = line.substring(space + 1);
                requireId(id);
                return new Erasure(id, Instant.parse(line.substring(0, space)));
            }
        } catch (DateTimeParseException | IllegalArgumentException malformed) {
            // reported below
        }
        throw new IllegalStateException("erasure ledger " + file + ": line " + lineNumber + " is malformed");
    }

    private static void requireId(String recordId) {
        if (recordId == null || recordId.isEmpty() || recordId.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a record id must be non-empty and hold no white space");
        }
    }

    /** Makes the new file's directory entry durable too (POSIX; elsewhere opening a folder fails and is skipped). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open a folder as a channel; NTFS journals the entry itself.
        }
    }

    @Override
    public String toString() {
        return "ErasureLedger[" + file + "]";
    }

    /**
     * One destruction in the ledger.
     *
     * @param recordId the destroyed record
     * @param at       when its destruction was recorded
     */
    public record Erasure(String recordId, Instant at) {
    }
}
