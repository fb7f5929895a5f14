package edu.studentrecords.store.internal.guardians;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.guardians.GuardianLink;
import edu.studentrecords.store.internal.mongo.InsertIfAbsent;
import edu.studentrecords.store.model.Relationship;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The guardian links of a realm, one document each, keyed so that a guardian entry of a record is linked to one account
 * at most (a unique key of record and entry, taken by one insert). Ids and codes only: no names, no contact details.
 * Thread-safe.
 */
public final class GuardianLinkRegister {

    private static final String ID = "_id";
    private static final String ENTRY = "entry";
    private static final String RECORD = "recordId";
    private static final String INDEX = "guardianIndex";
    private static final String SUBJECT = "guardianSubject";
    private static final String USERNAME = "guardianUsername";
    private static final String RELATIONSHIP = "relationship";
    private static final String LINKED_BY = "linkedBy";
    private static final String LINKED_AT = "linkedAt";
    private static final String VIA = "via";
    private static final String APPROVED_BY = "approvedBy";
    private static final String APPROVED_AT = "approvedAt";
    private static final int MAX_LINKS = 1000;

    private final MongoCollection<Document> links;

    public GuardianLinkRegister(MongoCollection<Document> links) {
        this.links = links;
        links.createIndex(Indexes.ascending(ENTRY), new IndexOptions().unique(true).name("entry_unique"));
        // A guardian's children are looked up by the guardian on every guardian request: MongoDB uses this index; the
        // embedded engine scans, which a realm's few thousand links afford.
        links.createIndex(Indexes.ascending(SUBJECT), new IndexOptions().name("guardianSubject"));
        links.createIndex(Indexes.ascending(RECORD), new IndexOptions().name("recordId"));
    }

    /** Adds the link; false when the record's guardian entry is linked already. */
    boolean add(GuardianLink link) {
        return InsertIfAbsent.insert(links, new Document(ID, link.id())
                .append(ENTRY, link.recordId() + "#" + link.guardianIndex())
                .append(RECORD, link.recordId())
                .append(INDEX, link.guardianIndex())
                .append(SUBJECT, link.guardianSubject())
                .append(USERNAME, link.guardianUsername())
                .append(RELATIONSHIP, link.relationship() == null ? null : link.relationship().name())
                .append(LINKED_BY, link.linkedBy())
                .append(LINKED_AT, Date.from(link.linkedAt()))
                .append(VIA, link.via())
                .append(APPROVED_BY, link.approvedBy())
                .append(APPROVED_AT, link.approvedAt() == null ? null : Date.from(link.approvedAt())));
    }

    /** Marks the waiting link approved by {@code by}; false when it is gone or was approved already. */
    boolean approve(String linkId, String by, Instant at) {
        return links.updateOne(Filters.and(Filters.eq(ID, linkId), Filters.eq(APPROVED_BY, null)),
                Updates.combine(Updates.set(APPROVED_BY, by), Updates.set(APPROVED_AT, Date.from(at))))
                .getModifiedCount() == 1;
    }

    /** The record's links, oldest first. */
    public List<GuardianLink> ofRecord(String recordId) {
        return links.find(Filters.eq(RECORD, recordId)).sort(Sorts.ascending(LINKED_AT, INDEX)).limit(MAX_LINKS)
                .map(GuardianLinkRegister::decode).into(new ArrayList<>());
    }

    /** The guardian's links, oldest first. */
    List<GuardianLink> ofGuardian(String guardianSubject) {
        return links.find(Filters.eq(SUBJECT, guardianSubject)).sort(Sorts.ascending(LINKED_AT)).limit(MAX_LINKS)
                .map(GuardianLinkRegister::decode).into(new ArrayList<>());
    }

    Optional<GuardianLink> find(String recordId, String linkId) {
        return Optional.ofNullable(links.find(Filters.and(Filters.eq(ID, linkId), Filters.eq(RECORD, recordId))).first())
                .map(GuardianLinkRegister::decode);
    }

    /** Removes the link; false when it was gone already. */
    boolean remove(String linkId) {
        return links.deleteOne(Filters.eq(ID, linkId)).getDeletedCount() == 1;
    }

    private static GuardianLink decode(Document doc) {
        String relationship = doc.getString(RELATIONSHIP);
        return new GuardianLink(doc.getString(ID), doc.getString(RECORD), doc.getInteger(INDEX),
                doc.getString(SUBJECT), doc.getString(USERNAME),
                relationship == null ? null : Relationship.valueOf(relationship), doc.getString(LINKED_BY),
                doc.getDate(LINKED_AT).toInstant(), doc.getString(VIA), doc.getString(APPROVED_BY),
                doc.getDate(APPROVED_AT) == null ? null : doc.getDate(APPROVED_AT).toInstant());
    }
}
