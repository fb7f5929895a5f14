package edu.studentrecords.store.internal.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import edu.studentrecords.store.retention.PaperCopy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/**
 * The register of paper copies, one document per copy. Kept after the record is destroyed: the certificate names
 * the copies, and the register is where their custodians are found. Thread-safe.
 */
public final class PaperCopyRegister {

    private static final String ID = "_id";
    private static final String RECORD = "recordId";
    private static final String LOCATION = "location";
    private static final String CUSTODIAN = "custodian";
    private static final String DESTROY_BY = "destroyBy";

    private final MongoCollection<Document> copies;

    public PaperCopyRegister(MongoCollection<Document> copies) {
        this.copies = copies;
    }

    /** Creates the index a record's copies are found by ({@link #of}). Idempotent. */
    public void createIndexes() {
        copies.createIndex(Indexes.ascending(RECORD), new IndexOptions().name("recordId"));
    }

    void add(PaperCopy copy) {
        copies.insertOne(new Document(ID, copy.id()).append(RECORD, copy.recordId()).append(LOCATION, copy.location())
                .append(CUSTODIAN, copy.custodian()).append(DESTROY_BY, copy.destroyBy().toString()));
    }

    /** The record's paper copies, by the day they must be destroyed. */
    public List<PaperCopy> of(String recordId) {
        List<PaperCopy> found = copies.find(Filters.eq(RECORD, recordId)).map(PaperCopyRegister::decode)
                .into(new ArrayList<>());
        found.sort(Comparator.comparing(PaperCopy::destroyBy).thenComparing(PaperCopy::id));
        return found;
    }

    private static PaperCopy decode(Document doc) {
        return new PaperCopy(doc.getString(ID), doc.getString(RECORD), doc.getString(LOCATION),
                doc.getString(CUSTODIAN), LocalDate.parse(doc.getString(DESTROY_BY)));
    }
}
