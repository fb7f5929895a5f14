package edu.studentrecords.store.testing;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
public final class StoreExtension implements BeforeAllCallback, AfterAllCallback, StoreUnderTest {

    private final List<MongoClient> clients = new ArrayList<>();
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
            clients.forEach(MongoClient::close);
            clients.clear();
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

    @Override
    public StoreSettings settings() {
        return fixture().settings();
    }

    @Override
    public MongoClient newClient(CommandListener... listeners) {
        MongoClientSettings.Builder builder = MongoClientSettings.builder(StudentRecords.clientSettings(settings()));
        for (CommandListener listener : listeners) {
            builder.addCommandListener(listener);
        }
        MongoClient client = MongoClients.create(builder.build());
        clients.add(client);
        return client;
    }

    @Override
    public MongoDatabase rawDatabase() {
        return fixture().rawDatabase();
    }

    @Override
    public boolean explainsPlans() {
        return false;
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
