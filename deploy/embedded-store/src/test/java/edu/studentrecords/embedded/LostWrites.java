package edu.studentrecords.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/** Counts the acknowledged writes of a {@link CrashRound} that a restarted store no longer has. */
final class LostWrites {

    private LostWrites() {
    }

    static long count(EmbeddedStoreProcess restartedStore, String collectionName, WriterMode mode,
                      List<Long> acknowledged) {
        try (MongoClient client = MongoClients.create(restartedStore.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase("records").getCollection(collectionName);
            if (mode == WriterMode.INSERT) {
                Set<Long> stored = new HashSet<>();
                collection.find().projection(Projections.include("_id"))
                    .forEach(document -> stored.add(document.getLong("_id")));
                return acknowledged.stream().filter(id -> !stored.contains(id)).count();
            }
            Document counter = collection.find(Filters.eq("_id", AcknowledgedWriter.COUNTER_ID)).first();
            long storedValue = counter == null ? 0 : counter.getLong("value");
            long acknowledgedValue = acknowledged.stream().mapToLong(Long::longValue).max().orElse(0);
            return Math.max(0, acknowledgedValue - storedValue);
        }
    }
}
