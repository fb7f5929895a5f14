package edu.studentrecords.store.audit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A MongoDB-wire server in this JVM (mongo-java-server, memory backend) whose {@code insert} commands into one
 * collection can be held until released, and made to fail: refused before they store anything, or failed after they
 * stored their documents (as when an acknowledgement is lost). Other commands are served normally.
 */
final class FaultyMongo implements AutoCloseable {

    /** What an insert into the watched collection does. */
    enum Fault {
        /** Stores its documents and answers normally. */
        NONE,
        /** Stores nothing and answers with an error. */
        REFUSE,
        /** Stores its documents (as far as it can), then answers with an error. */
        FAIL_AFTER_STORING
    }

    /** An error code no driver retries or treats as a topology change (UnknownError). */
    private static final int ERROR_CODE = 8;

    private final String collection;
    private final MongoServer server;
    private final List<MongoClient> clients = new ArrayList<>();
    private final AtomicBoolean holdNext = new AtomicBoolean();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Fault fault = Fault.NONE;

    FaultyMongo(String collection) {
        this.collection = collection;
        this.server = new MongoServer(new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                if (!"insert".equalsIgnoreCase(command) || !collection.equals(String.valueOf(query.get(command)))) {
                    return super.handleCommand(channel, databaseName, command, query);
                }
                return insert(channel, databaseName, command, query);
            }

            private Document insert(Channel channel, String databaseName, String command, Document query) {
                if (holdNext.compareAndSet(true, false)) {
                    held.countDown();
                    awaitRelease();
                }
                Fault now = fault;
                if (now == Fault.REFUSE) {
                    throw new MongoServerError(ERROR_CODE, "insert refused for the test");
                }
                Document answer = super.handleCommand(channel, databaseName, command, query);
                if (now == Fault.FAIL_AFTER_STORING) {
                    throw new MongoServerError(ERROR_CODE, "insert stored, then failed for the test");
                }
                return answer;
            }
        });
        server.bind("127.0.0.1", 0);
    }

    /** From now on, inserts into the collection do this. */
    void fault(Fault fault) {
        this.fault = fault;
    }

    /** Makes the next insert into the collection wait, once, until {@link #releaseHeldInsert()}. */
    void holdNextInsert() {
        holdNext.set(true);
    }

    /** Waits until an insert is held; false if none arrived in time. */
    boolean awaitHeldInsert(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    void releaseHeldInsert() {
        release.countDown();
    }

    /** A new client of the server, closed with it; listeners see every command it sends. */
    MongoClient newClient(CommandListener... listeners) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(
                new ConnectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()));
        for (CommandListener listener : listeners) {
            settings.addCommandListener(listener);
        }
        MongoClient client = MongoClients.create(settings.build());
        clients.add(client);
        return client;
    }

    private void awaitRelease() {
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new MongoServerError(ERROR_CODE, "held insert never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MongoServerError(ERROR_CODE, "interrupted while held");
        }
    }

    @Override
    public void close() {
        release.countDown();
        clients.forEach(MongoClient::close);
        server.shutdownNow();
    }
}
