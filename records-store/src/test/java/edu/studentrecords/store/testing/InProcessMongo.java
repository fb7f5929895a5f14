package edu.studentrecords.store.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MongoDB-wire server in this JVM (mongo-java-server, memory backend) on a free loopback port, for
 * tests that need the real driver. Register as a static field with {@code @RegisterExtension}; the
 * server lives for the test class. Each {@link #newDatabase()} is a fresh, empty database.
 */
public final class InProcessMongo implements BeforeAllCallback, AfterAllCallback {

    private final List<MongoClient> clients = new ArrayList<>();
    private MongoServer server;
    private String connectionString;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        connectionString = "mongodb://127.0.0.1:" + address.getPort();
        client = newClient();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clients.forEach(MongoClient::close);
        clients.clear();
        server.shutdownNow();
    }

    /** A new client of the server, closed with it; listeners see every command it sends. */
    public MongoClient newClient(CommandListener... listeners) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString));
        for (CommandListener listener : listeners) {
            settings.addCommandListener(listener);
        }
        MongoClient created = MongoClients.create(settings.build());
        clients.add(created);
        return created;
    }

    /** A database no other test uses, through the shared client. */
    public MongoDatabase newDatabase() {
        return client.getDatabase(freshDatabaseName());
    }

    /** A name for a database no other test uses. */
    public static String freshDatabaseName() {
        return "test_" + UUID.randomUUID().toString().replace("-", "");
    }
}
