package edu.studentrecords.it;

import edu.studentrecords.search.testing.PlaintextScan;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A student's name and number (as given and lower-cased) as bytes in a realm's search index files on the suite's
 * Keycloak node: the raw check that a destroyed student left nothing in the index. The index commits about once a
 * second, so each check waits up to ten seconds for the files to say what it expects.
 */
final class IndexTraces {

    private static final Duration COMMITTED = Duration.ofSeconds(10);

    private IndexTraces() {
    }

    /**
     * Waits until the files hold the student's number: the control, without which an empty scan later proves
     * nothing.
     */
    static void awaitNumberFound(String realmId, GeneratedStudent student) {
        awaitNumberFound(folderOf(realmId), student);
    }

    /** Waits until the index files in {@code folder} (and below) hold the student's number. */
    static void awaitNumberFound(Path folder, GeneratedStudent student) {
        await().atMost(COMMITTED).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(scan(folder, student)).as("the index files hold the student number")
                .anyMatch(trace -> trace.startsWith("number ")));
    }

    /** Waits until the files hold neither the student's name nor number. */
    static void awaitNone(String realmId, GeneratedStudent student) {
        awaitNone(folderOf(realmId), student);
    }

    /** Waits until the index files in {@code folder} (and below) hold neither the student's name nor number. */
    static void awaitNone(Path folder, GeneratedStudent student) {
        await().atMost(COMMITTED).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(scan(folder, student))
                .as("the destroyed student's name and number in the index files").isEmpty());
    }

    private static Path folderOf(String realmId) {
        return SuiteStore.indexDirectory().resolve(realmId.replaceAll("[^A-Za-z0-9-]", "_"));
    }

    private static java.util.List<String> scan(Path folder, GeneratedStudent student) {
        return PlaintextScan.forStudent(student.name(), student.studentNumber()).tracesIn(folder);
    }
}
