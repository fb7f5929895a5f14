package edu.studentrecords.search.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which of a record's values occur as plain bytes in the files of an index folder: the raw check that a destroyed
 * record left nothing readable in the index.
 *
 * <p>Every file below the folder is read, except Lucene's {@code write.lock}: on Linux, closing any channel on that
 * file releases the lock an index writer of the same JVM holds on it, so reading it would take the lock away from
 * the index under test. Files a merge deletes while the scan runs are passed over. Immutable.
 */
public final class PlaintextScan {

    /** Lucene's lock file: never opened by the scan (see the class comment). */
    static final String WRITE_LOCK = "write.lock";

    private final Map<String, byte[]> needles;

    private PlaintextScan(Map<String, byte[]> needles) {
        this.needles = needles;
    }

    /** A scan for each value under its label (labels name what was found), as UTF-8 bytes. */
    public static PlaintextScan of(Map<String, String> labelledValues) {
        Map<String, byte[]> needles = new LinkedHashMap<>();
        labelledValues.forEach((label, value) -> needles.put(label, value.getBytes(StandardCharsets.UTF_8)));
        return new PlaintextScan(Collections.unmodifiableMap(needles));
    }

    /**
     * A scan for a student's name and student number, the number as given and in lower case (the index folds it),
     * under the labels {@code name}, {@code number} and {@code number (lower case)}.
     */
    public static PlaintextScan forStudent(String name, String studentNumber) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("number", studentNumber);
        values.put("number (lower case)", studentNumber.toLowerCase(Locale.ROOT));
        return of(values);
    }

    /** The same scan looking for one more value. */
    public PlaintextScan and(String label, String value) {
        Map<String, byte[]> more = new LinkedHashMap<>(needles);
        more.put(label, value.getBytes(StandardCharsets.UTF_8));
        return new PlaintextScan(Collections.unmodifiableMap(more));
    }

    /**
     * Every value found, as {@code "<label> in <file below the folder>"}; empty when the files hold none of them.
     *
     * @throws AssertionError when {@code folder} is not a folder (nothing to scan proves nothing)
     */
    public List<String> tracesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new AssertionError("no index folder " + folder);
        }
        List<String> found = new ArrayList<>();
        scan(folder, folder, found);
        return found;
    }

    private void scan(Path root, Path folder, List<String> found) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    scan(root, entry, found);
                } else if (!entry.getFileName().toString().equals(WRITE_LOCK)) {
                    byte[] content = readUnlessDeleted(entry);
                    needles.forEach((label, needle) -> {
                        if (indexOf(content, needle) >= 0) {
                            found.add(label + " in " + root.relativize(entry));
                        }
                    });
                }
            }
        } catch (NoSuchFileException deletedWhileScanning) {
            // A folder the index removed: nothing of it is left to find.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + folder, e);
        }
    }

    private static byte[] readUnlessDeleted(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException mergedAway) {
            return new byte[0];
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
