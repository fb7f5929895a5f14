package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreLauncherIT {

    private static final Pattern READY_LINE = Pattern.compile("embedded-store ready on 127\\.0\\.0\\.1:(\\d+)");
    private static final int SIGTERM_EXIT_STATUS = 143;

    @TempDir
    Path dataDirectory;

    @Test
    void printsOneReadyLineWritesThePortFileAndRemovesItOnSigterm() throws Exception {
        try (LauncherRun launcher = LauncherRun.start("--port", "0", "--data", dataDirectory.toString())) {
            Matcher ready = READY_LINE.matcher(launcher.awaitFirstStdoutLine());
            assertThat(ready.matches()).as("ready line").isTrue();
            int port = Integer.parseInt(ready.group(1));
            assertThat(portFileOf(dataDirectory)).isEqualTo(port);
            assertThat(dataDirectory.resolve("records.mv")).isRegularFile();

            assertThat(launcher.terminate()).isEqualTo(SIGTERM_EXIT_STATUS);
            assertThat(launcher.stdout()).hasSize(1);
            assertThat(dataDirectory.resolve("store.port")).doesNotExist();
        }
    }

    @Test
    void gracefulStopKeepsEveryWriteEvenWithoutPerWriteCommits() {
        List<Document> students = new ArrayList<>();
        for (int id = 0; id < 500; id++) {
            students.add(new Document("_id", id).append("year", id % 4));
        }
        // The stock durability writes only in the background, so this shows that the stop closes the store file.
        EmbeddedStoreProcess store = EmbeddedStoreProcess.start(dataDirectory, WriteDurability.NONE);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("records").getCollection("students").insertMany(students);
        }
        store.stop();

        try (EmbeddedStoreProcess restarted = EmbeddedStoreProcess.start(dataDirectory, WriteDurability.NONE);
             MongoClient client = MongoClients.create(restarted.connectionString())) {
            MongoCollection<Document> restartedStudents = client.getDatabase("records").getCollection("students");
            assertThat(restartedStudents.countDocuments()).isEqualTo(500);
        }
    }

    @Test
    void secondStoreOnTheSameDataFolderIsRefused() throws Exception {
        try (EmbeddedStoreProcess first = EmbeddedStoreProcess.start(dataDirectory);
             LauncherRun second = LauncherRun.start("--port", "0", "--data", dataDirectory.toString())) {
            assertThat(second.awaitExit()).isEqualTo(ExitCodes.DATA_FOLDER_IN_USE);
            assertThat(second.stderr())
                .contains("is in use by another running embedded store")
                .doesNotContain("Exception", "\tat ");
            assertThat(second.stdout()).isEmpty();

            assertThat(portFileOf(dataDirectory)).isEqualTo(first.port());
            assertStoreAnswers(first);
        }
    }

    @Test
    void takenPortIsRefused(@TempDir Path otherDataDirectory) throws Exception {
        try (EmbeddedStoreProcess first = EmbeddedStoreProcess.start(dataDirectory);
             LauncherRun second = LauncherRun.start(
                 "--port", String.valueOf(first.port()), "--data", otherDataDirectory.toString())) {
            assertThat(second.awaitExit()).isEqualTo(ExitCodes.PORT_IN_USE);
            assertThat(second.stderr())
                .contains("cannot listen on 127.0.0.1:" + first.port())
                .doesNotContain("Exception", "\tat ");
            assertThat(otherDataDirectory.resolve("store.port")).doesNotExist();
            assertStoreAnswers(first);
        }
    }

    @Test
    void unknownOptionPrintsUsageAndFails() throws Exception {
        try (LauncherRun launcher = LauncherRun.start("--colour", "blue")) {
            assertThat(launcher.awaitExit()).isEqualTo(ExitCodes.USAGE);
            assertThat(launcher.stderr()).contains("unknown option '--colour'", "Usage: embedded-store");
            assertThat(launcher.stdout()).isEmpty();
        }
    }

    private static int portFileOf(Path dataDirectory) throws Exception {
        return Integer.parseInt(
            Files.readString(dataDirectory.resolve("store.port"), StandardCharsets.US_ASCII).trim());
    }

    private static void assertStoreAnswers(EmbeddedStoreProcess store) {
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> probes = client.getDatabase("records").getCollection("probes");
            probes.insertOne(new Document("_id", 1));
            assertThat(probes.countDocuments()).isEqualTo(1);
        }
    }
}
