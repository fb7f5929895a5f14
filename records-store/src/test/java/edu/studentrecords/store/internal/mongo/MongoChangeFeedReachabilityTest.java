package edu.studentrecords.store.internal.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import edu.studentrecords.store.internal.backup.StoreCollections;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The feed says at once that its store is out of reach once the client has seen it fail, so that a readiness probe
 * or a metrics scrape need not wait for the driver's server selection timeout (30 seconds by default).
 */
class MongoChangeFeedReachabilityTest {

    @Test
    void aStoreThatStoppedAnsweringIsKnownToBeOutOfReachWithoutAskingIt() {
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind("127.0.0.1", 0);
            String address = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
            try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(address))
                    .applyToServerSettings(monitor -> monitor.heartbeatFrequency(200, TimeUnit.MILLISECONDS))
                    .build())) {
                MongoChangeFeed feed = feed(client, true);
                assertThat(feed.head()).isZero();
                assertThat(feed.unreachable()).isFalse();

                server.shutdownNow();
                // The client finds out at its monitor's next check (every 200 ms here, 10 s by default) or when an
                // operation fails; a read of the head would now wait for a server until the selection timeout.
                await().atMost(Duration.ofSeconds(30)).until(feed::unreachable);
                // A feed built without the client's view of the store cannot know, and says it does not.
                assertThat(feed(client, false).unreachable()).isFalse();
            }
        } finally {
            server.shutdownNow();
        }
    }

    private static MongoChangeFeed feed(MongoClient client, boolean knowsTheCluster) {
        MongoDatabase db = client.getDatabase("feed_reachability");
        RecordCollection records = new RecordCollection(db.getCollection(StoreCollections.RECORDS));
        if (knowsTheCluster) {
            return new MongoChangeFeed(db.getCollection(StoreCollections.CHANGES),
                    db.getCollection(StoreCollections.FEED_QUARANTINE), records, id -> true, Clock.systemUTC(),
                    Duration.ZERO, client::getClusterDescription);
        }
        return new MongoChangeFeed(db.getCollection(StoreCollections.CHANGES),
                db.getCollection(StoreCollections.FEED_QUARANTINE), records, id -> true, Clock.systemUTC(),
                Duration.ZERO);
    }
}
