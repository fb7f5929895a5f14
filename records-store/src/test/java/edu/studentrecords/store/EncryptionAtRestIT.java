package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.internal.crypto.Aead;
import edu.studentrecords.store.internal.crypto.SecretKeyFile;
import edu.studentrecords.store.internal.crypto.UnreadableCiphertextException;
import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Relationship;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What someone with the database but without the keys can see, and what destroying a key does to copies. */
class EncryptionAtRestIT {

    @TempDir
    Path dir;

    @Test
    void aRawDumpOfEveryCollectionHoldsNoPlaintextOfEncryptedFields() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            GeneratedStudents students = new GeneratedStudents(3);
            List<String> canaries = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                StudentRecord r = students.next(LocalDate.now());
                String address = "CANARYADDR" + i + " 学府路";
                String email = "canarymail" + i + "@students.example.edu";
                String guardianName = "CANARYGUARD" + i;
                StudentRecord canary = new StudentRecord(r.profile(), r.identity(),
                        new Contact(r.contact().mobilePhone(), email, address),
                        List.of(new Guardian(guardianName, Relationship.MOTHER, r.guardians().get(0).phone(), true)));
                RecordView view = store.records().create(admin, canary, null);
                store.records().read(admin, view.id());
                store.records().update(admin, view.id(), 1, "{\"contact\":{\"homeAddress\":\"" + address + " 2\"}}");
                canaries.add(address);
                canaries.add(email);
                canaries.add(guardianName);
                canaries.add(r.identity().residentIdNumber());
                canaries.add(r.contact().mobilePhone());
                canaries.add(r.guardians().get(0).phone());
                canaries.add(r.identity().dateOfBirth().toString());
                canaries.add(r.identity().dateOfBirth().toString().replace("-", ""));
            }

            StringBuilder dump = new StringBuilder();
            MongoDatabase raw = fixture.rawDatabase();
            for (String name : raw.listCollectionNames()) {
                for (Document doc : raw.getCollection(name).find()) {
                    dump.append(doc.toJson()).append('\n');
                    appendBinaries(doc, dump);
                }
            }
            assertThat(dump.length()).isGreaterThan(1000);
            for (String canary : canaries) {
                assertThat(dump.indexOf(canary)).as("a canary value of an encrypted field").isEqualTo(-1);
            }
        }
    }

    @Test
    void destroyingTheDataKeyMakesACopyOfTheRecordUnreadable() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            RecordView view = store.records().create(admin, new GeneratedStudents(5).next(LocalDate.now()), null);
            Document copy = fixture.rawDatabase().getCollection("records").find(new Document("_id", view.id())).first();
            Document keyCopy = fixture.rawDatabase().getCollection("record_keys").find(new Document("_id", view.id())).first();
            assertThat(copy).isNotNull();
            assertThat(keyCopy).isNotNull();

            Destructions.destroy(store, view.id(), "test");

            // The copy (think: a backup) still has the sealed groups, but no key in the store opens them any more.
            byte[] sealedContact = copy.get("sealed", Document.class).get("contact", Binary.class).getData();
            assertThat(fixture.rawDatabase().getCollection("record_keys").countDocuments(new Document("_id", view.id()))).isZero();
            byte[] master = SecretKeyFile.load(fixture.settings().masterKeyFile(), false);
            byte[] ad = ("record|" + view.id() + "|1|contact").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Aead.open(master, sealedContact, ad)).isInstanceOf(UnreadableCiphertextException.class);
            // With the (destroyed) data key it would have opened: the copy was real ciphertext of this record.
            byte[] dataKey = Aead.open(master, keyCopy.get("wrapped", Binary.class).getData(),
                    ("record-key|" + view.id()).getBytes(StandardCharsets.UTF_8));
            assertThat(new String(Aead.open(dataKey, sealedContact, ad), StandardCharsets.UTF_8)).contains("homeAddress");
        }
    }

    private static void appendBinaries(Object value, StringBuilder dump) {
        if (value instanceof Document d) {
            d.values().forEach(v -> appendBinaries(v, dump));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> appendBinaries(v, dump));
        } else if (value instanceof Binary b) {
            dump.append(new String(b.getData(), StandardCharsets.UTF_8)).append('\n');
        }
    }
}
