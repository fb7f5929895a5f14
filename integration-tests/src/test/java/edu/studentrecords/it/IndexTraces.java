package edu.studentrecords.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which of a student's name (UTF-8) and number (as given and lower-cased) occur as bytes in a realm's search index
 * files on the suite's Keycloak node: the raw check that a destroyed student left nothing in the index.
 */
final class IndexTraces {

    private IndexTraces() {
    }

    /** Scans again for up to ten seconds until {@code awaited} holds: the index commits about once a second. */
    static List<String> await(String realmId, GeneratedStudent student, Predicate<List<String>> awaited) throws Exception {
        Map<String, byte[]> needles = Map.of(
            "name", student.name().getBytes(StandardCharsets.UTF_8),
            "number", student.studentNumber().getBytes(StandardCharsets.US_ASCII),
            "number (lower case)", student.studentNumber().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        Path folder = SuiteStore.indexDirectory().resolve(realmId.replaceAll("[^A-Za-z0-9-]", "_"));
        List<String> traces = scan(folder, needles);
        for (int attempt = 0; attempt < 50 && !awaited.test(traces); attempt++) {
            Thread.sleep(200);
            traces = scan(folder, needles);
        }
        return traces;
    }

    private static List<String> scan(Path folder, Map<String, byte[]> needles) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return List.of("no index folder " + folder);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (NoSuchFileException merged) {
                    continue;
                }
                needles.forEach((what, needle) -> {
                    if (indexOf(content, needle) >= 0) {
                        found.add(what + " in " + file.getFileName());
                    }
                });
            }
        }
        return found;
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
