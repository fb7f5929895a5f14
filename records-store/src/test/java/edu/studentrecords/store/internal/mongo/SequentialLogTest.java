package edu.studentrecords.store.internal.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import edu.studentrecords.store.testing.InProcessMongo;
import edu.studentrecords.store.testing.InsertCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Appending several documents at once to the gap-free log, alone and against another process's writes. */
class SequentialLogTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    @Test
    void manyDocumentsTakeTheNextNumbersInOneInsert() {
        InsertCounter inserts = new InsertCounter("log");
        MongoCollection<Document> collection = MONGO.newClient(inserts)
                .getDatabase(InProcessMongo.freshDatabaseName()).getCollection("log");
        SequentialLog log = new SequentialLog(collection);
        assertThat(log.append(n -> new Document("name", "first"))).isEqualTo(1);

        assertThat(log.appendAll(named("a", "b", "c", "d"))).containsExactly(2L, 3L, 4L, 5L);

        assertThat(inserts.inserts()).isEqualTo(2);
        assertThat(log.page(0, 10)).extracting(doc -> doc.getString("name")).containsExactly("first", "a", "b", "c", "d");
    }

    @Test
    void numbersAnotherProcessTookMeanwhileAreSkippedAndNothingIsLost() {
        MongoCollection<Document> collection = MONGO.newDatabase().getCollection("log");
        SequentialLog log = new SequentialLog(collection);
        log.append(n -> new Document("name", "first"));
        // Another process took 3 while this one knows only of 1.
        collection.insertOne(new Document("_id", 3L).append("name", "other"));

        List<Long> taken = log.appendAll(named("a", "b", "c", "d", "e"));

        assertThat(taken).containsExactly(2L, 4L, 5L, 6L, 7L);
        assertThat(log.page(0, 20)).extracting(doc -> doc.getString("name"))
                .containsExactly("first", "a", "other", "b", "c", "d", "e");
        assertThat(log.readHead()).isEqualTo(7);
        assertThat(new SequentialLog(collection).append(n -> new Document("name", "next"))).isEqualTo(8);
    }

    private static List<LongFunction<Document>> named(String... names) {
        List<LongFunction<Document>> builds = new ArrayList<>();
        for (String name : names) {
            builds.add(n -> new Document("name", name));
        }
        return builds;
    }
}
