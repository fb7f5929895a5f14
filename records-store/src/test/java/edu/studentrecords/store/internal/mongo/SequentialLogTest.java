package edu.studentrecords.store.internal.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import edu.studentrecords.store.testing.InProcessMongo;
import edu.studentrecords.store.testing.InsertCounter;
import edu.studentrecords.store.testing.StartedCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Appending several documents at once to the gap-free log, alone and against another process's writes; reading it. */
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

    @Test
    void aReaderThatHasCaughtUpAsksAboutAFewKeysAndAPageGrowsWhileItComesBackFullUpTo128Keys() {
        StartedCommands started = new StartedCommands();
        MongoCollection<Document> collection = MONGO.newClient(started)
                .getDatabase(InProcessMongo.freshDatabaseName()).getCollection("log");
        SequentialLog log = new SequentialLog(collection);
        List<LongFunction<Document>> entriesToAppend = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            String name = "e" + i;
            entriesToAppend.add(n -> new Document("name", name));
        }
        log.appendAll(entriesToAppend);
        started.clear();

        assertThat(log.pageGrowing(300, 1000)).isEmpty();
        assertThat(keysAsked(started)).containsExactly(SequentialLog.FIRST_PAGE);
        started.clear();

        List<Document> entries = log.pageGrowing(0, 1000);

        assertThat(entries).extracting(doc -> doc.getString("name")).hasSize(300).startsWith("e1", "e2").endsWith("e300");
        // The engine checks each document an _id $in finds against every key of the list: no query asks about more.
        assertThat(keysAsked(started)).containsExactly(16, 64, 128, 128);
        assertThat(log.pageGrowing(90, 5)).extracting(doc -> doc.getString("name"))
                .containsExactly("e91", "e92", "e93", "e94", "e95");
    }

    /** How many keys each of the {@code find}s started asked about. */
    private static List<Integer> keysAsked(StartedCommands started) {
        return started.named("find").stream()
                .map(find -> find.getDocument("filter").getDocument("_id").getArray("$in").size()).toList();
    }

    private static List<LongFunction<Document>> named(String... names) {
        List<LongFunction<Document>> builds = new ArrayList<>();
        for (String name : names) {
            builds.add(n -> new Document("name", name));
        }
        return builds;
    }
}
