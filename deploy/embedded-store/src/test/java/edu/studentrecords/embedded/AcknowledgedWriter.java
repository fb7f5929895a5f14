package edu.studentrecords.embedded;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Writes to a store until it fails, printing one line per acknowledged write, flushed before the next
 * write starts. Run as its own process by the durability tests.
 *
 * <p>Arguments: connection string, collection, mode. Modes: {@code insert} inserts documents with
 * {@code _id} 0, 1, 2, ... and prints each id; {@code update} increments a counter with updateOne and
 * prints how many increments were acknowledged; {@code findAndModify} increments it with findOneAndUpdate
 * and prints the value returned.
 */
public final class AcknowledgedWriter {

    static final String COUNTER_ID = "counter";
    private static final String PAYLOAD = "x".repeat(512);

    private AcknowledgedWriter() {
    }

    public static void main(String[] args) {
        MongoClientSettings settings = MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(args[0]))
            // A retried write could be acknowledged by the restarted store: fail fast instead.
            .retryWrites(false)
            .retryReads(false)
            .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(3, TimeUnit.SECONDS))
            .applyToSocketSettings(socket -> socket.connectTimeout(2, TimeUnit.SECONDS))
            .build();
        PrintStream out = System.out;
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> collection = client.getDatabase("records").getCollection(args[1]);
            switch (args[2]) {
                case "insert":
                    insertUntilFailure(collection, out);
                    break;
                case "update":
                    updateUntilFailure(collection, out);
                    break;
                case "findAndModify":
                    findAndModifyUntilFailure(collection, out);
                    break;
                default:
                    throw new IllegalArgumentException("unknown mode " + args[2]);
            }
        } catch (RuntimeException e) {
            // Expected: the store is killed under the writer.
            System.err.println("writer stopped: " + e.getClass().getSimpleName());
        }
    }

    private static void insertUntilFailure(MongoCollection<Document> collection, PrintStream out) {
        for (long id = 0; ; id++) {
            collection.insertOne(new Document("_id", id).append("payload", PAYLOAD));
            acknowledge(out, id);
        }
    }

    private static void updateUntilFailure(MongoCollection<Document> collection, PrintStream out) {
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        for (long acknowledged = 1; ; acknowledged++) {
            collection.updateOne(Filters.eq("_id", COUNTER_ID), Updates.inc("value", 1L), upsert);
            acknowledge(out, acknowledged);
        }
    }

    private static void findAndModifyUntilFailure(MongoCollection<Document> collection, PrintStream out) {
        FindOneAndUpdateOptions upsertReturningNew =
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        while (true) {
            Document counter = collection.findOneAndUpdate(
                Filters.eq("_id", COUNTER_ID), Updates.inc("value", 1L), upsertReturningNew);
            acknowledge(out, counter.getLong("value"));
        }
    }

    private static void acknowledge(PrintStream out, long value) {
        out.println(value);
        out.flush();
    }
}
