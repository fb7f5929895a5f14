package edu.studentrecords.store.testing;

import edu.studentrecords.store.StudentRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real embedded store process for a test class: started once before the class's tests (before its own
 * {@code @BeforeAll} methods), in a folder of its own, and stopped and wiped after them. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final StoreExtension STORE = new StoreExtension();
 * }</pre>
 */
public final class StoreExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private StoreFixture fixture;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("store-" + context.getRequiredTestClass().getSimpleName());
        fixture = StoreFixture.start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            fixture = null;
            delete(dir);
        }
    }

    /** The running fixture: the process, its settings, the raw database. */
    public StoreFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("the store runs only while the test class runs");
        }
        return fixture;
    }

    /** The store connected to the process. */
    public StudentRecords store() {
        return fixture().store();
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
