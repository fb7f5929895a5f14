package edu.studentrecords.it;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A realm's database in the suite store as a raw driver sees it (no keys, no access decision), for checks of what the
 * product wrote: how many audit entries, records and keys there are, and what is stored in clear.
 */
final class RawRealmStore implements AutoCloseable {

    private final String realmId;
    private final MongoClient client;
    private final MongoDatabase db;

    RawRealmStore(String realmId) {
        this.realmId = realmId;
        this.client = MongoClients.create(SuiteStore.get().connectionString());
        this.db = client.getDatabase("student_records_it_" + realmId.replaceAll("[^A-Za-z0-9-]", "_"));
    }

    String realmId() {
        return realmId;
    }

    MongoCollection<Document> collection(String name) {
        return db.getCollection(name);
    }

    /** The document of {@code collection} with this {@code _id}, or null. */
    Document byId(String collection, String id) {
        return db.getCollection(collection).find(Filters.eq("_id", id)).first();
    }

    long count(String collection) {
        return db.getCollection(collection).countDocuments();
    }

    long auditEntries() {
        return count("audit_entries");
    }

    /** The newest audit entry of this realm's trail, or null. */
    Document newestAuditEntry() {
        return db.getCollection("audit_entries").find().sort(Sorts.descending("_id")).first();
    }

    /** Sends the call and checks it left exactly one audit entry in this realm's trail. */
    Api.Reply once(Api.Call call) {
        long before = auditEntries();
        Api.Reply reply = call.send();
        assertThat(auditEntries() - before).as("audit entries of %s (%s)", reply, reply.body()).isEqualTo(1);
        return reply;
    }

    /** The data key of a record (its document in {@code record_keys}), or null once it is destroyed. */
    Document keyOf(String recordId) {
        return byId("record_keys", recordId);
    }

    /** Every document of a collection as JSON text (binary fields base64), for checks that a value is not in clear. */
    String dump(String collection) {
        StringBuilder all = new StringBuilder();
        db.getCollection(collection).find().forEach((Document d) -> all.append(d.toJson()).append('\n'));
        return all.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
