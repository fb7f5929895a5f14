package edu.studentrecords.it;

import edu.studentrecords.embedded.EmbeddedStoreProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one embedded store process the whole suite shares, started before Keycloak (the server configuration asks
 * for its connection string) and stopped by {@link SuiteStoreShutdown} once every test has run.
 *
 * <p>Its data, the server's key files and search indexes live under {@code target/it/}, emptied when the store starts, so every run
 * begins from nothing and leaves no state behind outside the build folder.
 */
final class SuiteStore {

    /** Where failsafe puts the suite's files; the module's {@code target/it} when run by Maven. */
    static final Path WORK_DIRECTORY = Path.of(System.getProperty("student-records.it.work-dir", "target/it"))
        .toAbsolutePath();

    private static EmbeddedStoreProcess store;

    private SuiteStore() {
    }

    /** The running store, started on first use. */
    static synchronized EmbeddedStoreProcess get() {
        if (store == null) {
            deleteRecursively(dataDirectory());
            deleteRecursively(keysDirectory());
            deleteRecursively(indexDirectory());
            deleteRecursively(auditAnchorDirectory());
            deleteRecursively(auditExportDirectory());
            store = EmbeddedStoreProcess.start(dataDirectory());
        }
        return store;
    }

    /** Stops the store if it was started; it can be started again afterwards. */
    static synchronized void stop() {
        if (store != null) {
            store.stop();
            store = null;
        }
    }

    /** The folder of the server's key files ({@code keys-dir}); the server creates the keys there. */
    static Path keysDirectory() {
        return WORK_DIRECTORY.resolve("keys");
    }

    /** The folder of the server's search indexes ({@code index-dir}), emptied with the store's data. */
    static Path indexDirectory() {
        return WORK_DIRECTORY.resolve("index");
    }

    /**
     * The folder of the server's audit anchor files ({@code audit-anchor-dir}), emptied with the store's data: anchors
     * of an earlier run's chains would name entries the new store never had.
     */
    static Path auditAnchorDirectory() {
        return WORK_DIRECTORY.resolve("audit-anchors");
    }

    /** The folder where the server exports audit epochs before their retention drops them ({@code audit-export-dir}). */
    static Path auditExportDirectory() {
        return WORK_DIRECTORY.resolve("audit-exports");
    }

    private static Path dataDirectory() {
        return WORK_DIRECTORY.resolve("store");
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + folder, e);
        }
    }
}
