package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.search.testing.PlaintextScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan the purge tests rely on: it finds values in any file below the folder, and never opens write.lock. */
class PlaintextScanTest {

    @TempDir
    Path dir;

    @Test
    void findsEachValueInFilesBelowTheFolderByLabel() throws Exception {
        Files.write(dir.resolve("_0.cfs"), bytes("header 欧阳澜汐 trailer"));
        Files.createDirectories(dir.resolve("taxonomy"));
        Files.write(dir.resolve("taxonomy").resolve("_1.fdt"), bytes("x it000042 y"));
        Files.write(dir.resolve("segments_2"), bytes("nothing of the student"));

        PlaintextScan scan = PlaintextScan.forStudent("欧阳澜汐", "IT000042").and("pinyin", "ouyanglanxi");

        assertThat(scan.tracesIn(dir)).containsExactlyInAnyOrder("name in _0.cfs",
                "number (lower case) in " + Path.of("taxonomy", "_1.fdt"));
    }

    @Test
    void neverReadsTheWriteLockAndFindsNothingInAFolderWithoutTheValues() throws Exception {
        // A value in the lock file would be found if the scan opened it.
        Files.write(dir.resolve("write.lock"), bytes("IT000042"));
        Files.write(dir.resolve("_0.si"), bytes("other student"));

        assertThat(PlaintextScan.forStudent("欧阳澜汐", "IT000042").tracesIn(dir)).isEmpty();
    }

    @Test
    void aMissingFolderIsAFailureNotAnEmptyAnswer() {
        assertThatThrownBy(() -> PlaintextScan.forStudent("欧阳澜汐", "IT000042").tracesIn(dir.resolve("none")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no index folder");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
