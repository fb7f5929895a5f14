package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unique indexes in the store's own key order, and files the stock backend wrote. */
class StoreBackendTest {

    private static final String DATABASE = "records";
    private static final int STUDENTS = 2_000;
    private static final String NUMBER_INDEX = "records.students._index_number_unique";
    private static final String ID_INDEX = "records.students._index__id_";

    @TempDir
    Path folder;

    private EmbeddedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = new EmbeddedChannel();
    }

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aFileTheStockBackendWroteIsReSortedOnceAndEveryKeyIsFoundAfterwards() {
        Map<String, String> numbers = writtenByTheStockBackend();

        StoreBackend ours = new StoreBackend(open());
        everyStudentIsFoundByEachKey(ours, numbers);
        aRepeatedKeyIsRefused(ours, numbers);
        MVStore store = ours.getMvStore();
        assertThat(store.<String, Integer>openMap(StoreDatabase.SORTED_INDEXES))
            .containsKeys(ID_INDEX, NUMBER_INDEX);
        int idIndexMap = store.openMap(ID_INDEX).getId();
        int numberIndexMap = store.openMap(NUMBER_INDEX).getId();
        ours.close();

        StoreBackend again = new StoreBackend(open());
        assertThat(again.getMvStore().openMap(ID_INDEX).getId()).as("the _id index, not sorted again").isEqualTo(idIndexMap);
        assertThat(again.getMvStore().openMap(NUMBER_INDEX).getId()).as("the number index, not sorted again")
            .isEqualTo(numberIndexMap);
        everyStudentIsFoundByEachKey(again, numbers);
        again.close();
    }

    @Test
    void aNewFileKeepsItsIndexesInTheStoresOrderFromTheStart() {
        Map<String, String> numbers = new TreeMap<>();
        StoreBackend ours = new StoreBackend(open());
        createStudents(ours, numbers);
        assertThat(ours.getMvStore().<String, Integer>openMap(StoreDatabase.SORTED_INDEXES))
            .containsKeys(ID_INDEX, NUMBER_INDEX);
        ours.close();

        StoreBackend reopened = new StoreBackend(open());
        everyStudentIsFoundByEachKey(reopened, numbers);
        aRepeatedKeyIsRefused(reopened, numbers);
        reopened.close();
    }

    @Test
    void aReSortIsNotWrittenUntilItIsWhole() {
        Map<String, String> numbers = writtenByTheStockBackend();

        // The inherited constructor opens (and re-sorts) every index before the backend commits them in one step.
        MVStore store = open();
        long before = store.getCurrentVersion();
        StoreBackend ours = new StoreBackend(store);
        assertThat(store.getCurrentVersion()).as("one commit for the whole re-sort").isEqualTo(before + 1);
        ours.close();
    }

    @Test
    void documentsTheStockBackendSerialisedAreReadAndWrittenAgainAsBson() {
        Map<String, String> numbers = writtenByTheStockBackend();
        assertThat(tagsOfStoredStudents()).as("the stock backend's form").doesNotContain(DocumentType.BSON);

        StoreBackend ours = new StoreBackend(open());
        everyStudentIsFoundByEachKey(ours, numbers);
        command(ours, new Document("update", "students").append("updates", List.of(new Document("q", new Document())
            .append("u", new Document("$inc", new Document("n", 1))).append("multi", true))));
        ours.commit();
        ours.close();

        assertThat(tagsOfStoredStudents()).as("every document written again").containsOnly(DocumentType.BSON)
            .hasSize(STUDENTS);
        StoreBackend reopened = new StoreBackend(open());
        everyStudentIsFoundByEachKey(reopened, numbers);
        var students = reopened.resolveDatabase(DATABASE).resolveCollection("students", false);
        assertThat(students.handleQuery(new Document("n", STUDENTS))).as("the update kept").hasSize(1);
        reopened.close();
    }

    @Test
    void aNewFileKeepsItsDocumentsAsBson() {
        StoreBackend ours = new StoreBackend(open());
        createStudents(ours, new TreeMap<>());
        ours.close();

        assertThat(tagsOfStoredStudents()).containsOnly(DocumentType.BSON).hasSize(STUDENTS);
    }

    @Test
    void documentsChangedInPlaceByAnUpdateAreWrittenAsTheyNowAre() {
        // Written and committed first. mongo-java-server's updates change the stored document in place and then put the
        // same object again: the next commit must write what it holds now (a store that kept the form it last wrote of
        // each document, to write it again unchanged, would write the old one).
        Map<String, String> numbers = new TreeMap<>();
        StoreBackend ours = new StoreBackend(open());
        createStudents(ours, numbers);
        Map<String, Integer> before = new TreeMap<>();
        ours.resolveDatabase(DATABASE).resolveCollection("students", false).handleQuery(new Document())
            .forEach(student -> before.put((String) student.get("_id"), (Integer) student.get("n")));
        List<String> ids = List.copyOf(numbers.keySet());
        String renumbered = ids.get(0);
        String replaced = ids.get(1);
        String unset = ids.get(2);
        command(ours, new Document("update", "students").append("updates", List.of(
            new Document("q", new Document()).append("u", new Document("$inc", new Document("n", 1)))
                .append("multi", true),
            new Document("q", new Document("_id", renumbered))
                .append("u", new Document("$set", new Document("number", "G-renumbered"))),
            new Document("q", new Document("_id", replaced))
                .append("u", new Document("number", "G-replaced").append("moved", true)))));
        command(ours, new Document("findAndModify", "students").append("query", new Document("_id", unset))
            .append("update", new Document("$unset", new Document("number", ""))));
        ours.commit();
        ours.close();

        StoreBackend reopened = new StoreBackend(open());
        var students = reopened.resolveDatabase(DATABASE).resolveCollection("students", false);
        Map<String, Document> after = new TreeMap<>();
        students.handleQuery(new Document()).forEach(student -> after.put((String) student.get("_id"), student));
        assertThat(after).hasSize(STUDENTS);
        before.forEach((id, n) -> {
            if (!id.equals(replaced)) {
                assertThat(after.get(id).get("n")).as("the $inc of %s", id).isEqualTo(n + 1);
            }
        });
        assertThat(after.get(renumbered).get("number")).isEqualTo("G-renumbered");
        assertThat(after.get(replaced)).containsEntry("number", "G-replaced").containsEntry("moved", true)
            .doesNotContainKey("n");
        assertThat(after.get(unset)).doesNotContainKey("number");
        assertThat(students.handleQuery(new Document("number", "G-renumbered"))).as("the index follows").hasSize(1);
        reopened.close();
    }

    /** The first byte of every stored student document, read from the file without the backend. */
    private List<Byte> tagsOfStoredStudents() {
        List<Byte> tags = new ArrayList<>();
        BasicDataType<Object> tagged = new BasicDataType<>() {
            @Override
            public int getMemory(Object value) {
                return 64;
            }

            @Override
            public void write(WriteBuffer buffer, Object value) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public Object read(ByteBuffer buffer) {
                tags.add(buffer.get(buffer.position()));
                return DocumentType.INSTANCE.read(buffer);
            }

            @Override
            public Object[] createStorage(int size) {
                return new Object[size];
            }
        };
        MVStore store = new MVStore.Builder().fileName(folder.resolve("records.mv").toString()).readOnly().open();
        try {
            MVMap<Object, Object> documents = store.openMap("databases." + DATABASE + ".students",
                new MVMap.Builder<>().valueType(tagged));
            assertThat(documents.sizeAsLong()).isEqualTo(STUDENTS);
            documents.values().forEach(document -> assertThat(document).isInstanceOf(Document.class));
        } finally {
            store.close();
        }
        return tags;
    }

    private MVStore open() {
        return new MVStore.Builder().fileName(folder.resolve("records.mv").toString()).autoCommitDisabled().open();
    }

    /** Writes the students with the stock backend, then closes it; returns their numbers by id. */
    private Map<String, String> writtenByTheStockBackend() {
        Map<String, String> numbers = new TreeMap<>();
        H2Backend stock = new H2Backend(open());
        createStudents(stock, numbers);
        stock.close();
        return numbers;
    }

    private void createStudents(H2Backend backend, Map<String, String> numbers) {
        command(backend, new Document("createIndexes", "students").append("indexes", List.of(
            new Document("key", new Document("number", 1)).append("name", "number_unique").append("unique", true))));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < STUDENTS; i++) {
            String id = UUID.randomUUID().toString();
            String number = String.format("G%06d", (i * 7919L) % 1_000_000);
            numbers.put(id, number);
            documents.add(new Document("_id", id).append("number", number).append("n", i));
        }
        command(backend, new Document("insert", "students").append("documents", documents));
        backend.commit();
    }

    private void everyStudentIsFoundByEachKey(H2Backend backend, Map<String, String> numbers) {
        var students = backend.resolveDatabase(DATABASE).resolveCollection("students", false);
        assertThat(students.count()).isEqualTo(STUDENTS);
        numbers.forEach((id, number) -> {
            assertThat(students.handleQuery(new Document("_id", id))).singleElement()
                .satisfies(found -> assertThat(found.get("number")).isEqualTo(number));
            assertThat(students.handleQuery(new Document("number", number))).singleElement()
                .satisfies(found -> assertThat(found.get("_id")).isEqualTo(id));
        });
    }

    private void aRepeatedKeyIsRefused(H2Backend backend, Map<String, String> numbers) {
        Map.Entry<String, String> taken = numbers.entrySet().iterator().next();
        Document byId = backend.handleCommand(channel, DATABASE, "insert", new Document("insert", "students")
            .append("documents", List.of(new Document("_id", taken.getKey()).append("number", "G-new"))));
        Document byNumber = backend.handleCommand(channel, DATABASE, "insert", new Document("insert", "students")
            .append("documents", List.of(new Document("_id", "new").append("number", taken.getValue()))));
        assertThat(List.of(byId, byNumber)).allSatisfy(reply -> assertThat(reply.get("writeErrors")).asList()
            .singleElement().satisfies(error -> assertThat(((Document) error).get("code")).isEqualTo(11000)));
    }

    private Document command(H2Backend backend, Document command) {
        String name = command.keySet().iterator().next();
        Document response = backend.handleCommand(channel, DATABASE, name, command);
        assertThat(((Number) response.get("ok")).intValue()).as("ok of %s", name).isEqualTo(1);
        assertThat(response.get("writeErrors")).as("write errors of %s", name).isNull();
        return response;
    }
}
