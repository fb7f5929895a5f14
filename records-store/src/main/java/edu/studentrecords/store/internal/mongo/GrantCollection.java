package edu.studentrecords.store.internal.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.grants.StoredGrant;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The grants of a realm and their agreement files, one document each, changed only by single-document
 * compare-and-set updates. Grants are few (one per agreement with an outside body), so listing reads the whole
 * collection: the embedded engine ignores non-unique indexes anyway.
 */
public final class GrantCollection {

    private final MongoCollection<Document> grants;
    private final MongoCollection<Document> agreements;

    public GrantCollection(MongoCollection<Document> grants, MongoCollection<Document> agreements) {
        this.grants = grants;
        this.agreements = agreements;
    }

    /** Stores a new grant; its agreement file first, so a stored grant never lacks its file. */
    public void insert(StoredGrant stored, byte[] agreement) {
        agreements.insertOne(new Document("_id", stored.grant().id()).append("content", new Binary(agreement)));
        grants.insertOne(encode(stored));
    }

    public Optional<StoredGrant> find(String id) {
        return Optional.ofNullable(grants.find(eq("_id", id)).first()).map(GrantCollection::decode);
    }

    /** Every grant. */
    public List<StoredGrant> all() {
        List<StoredGrant> all = new ArrayList<>();
        grants.find().forEach(doc -> all.add(decode(doc)));
        return all;
    }

    /** The grants of one client. */
    public List<StoredGrant> ofClient(String clientId) {
        List<StoredGrant> found = new ArrayList<>();
        grants.find(eq("clientId", clientId)).forEach(doc -> found.add(decode(doc)));
        return found;
    }

    /** Approves a pending, unrevoked grant; false when it is no longer pending. */
    public boolean approve(String id, String approvedBy, Instant at) {
        return grants.updateOne(and(eq("_id", id), eq("approvedBy", null), eq("revokedAt", null)),
                Updates.combine(Updates.set("approvedBy", approvedBy), Updates.set("approvedAt", Date.from(at))))
                .getModifiedCount() == 1;
    }

    /** Revokes a grant not yet revoked; false when it already was. */
    public boolean revoke(String id, String revokedBy, Instant at) {
        return grants.updateOne(and(eq("_id", id), eq("revokedAt", null)),
                Updates.combine(Updates.set("revokedBy", revokedBy), Updates.set("revokedAt", Date.from(at))))
                .getModifiedCount() == 1;
    }

    /** The agreement file of a grant. */
    public Optional<byte[]> agreement(String id) {
        return Optional.ofNullable(agreements.find(eq("_id", id)).first())
                .map(doc -> doc.get("content", Binary.class).getData());
    }

    private static Document encode(StoredGrant stored) {
        Grant g = stored.grant();
        return new Document("_id", g.id())
                .append("clientId", g.clientId())
                .append("purpose", g.purpose())
                .append("groups", g.groups().stream().map(FieldGroup::name).toList())
                .append("recordIds", List.copyOf(g.recordIds()))
                .append("units", g.units().stream().map(UnitPath::toString).toList())
                .append("agreementReference", g.agreementReference())
                .append("agreementSha256", g.agreementSha256())
                .append("agreementFileName", stored.agreementFileName())
                .append("agreementContentType", stored.agreementContentType())
                .append("agreementSize", stored.agreementSize())
                .append("requestedBy", g.requestedBy())
                .append("requestedAt", Date.from(stored.requestedAt()))
                .append("approvedBy", g.approvedBy())
                .append("approvedAt", date(stored.approvedAt()))
                .append("expiresAt", Date.from(g.expiresAt()))
                .append("revokedAt", date(g.revokedAt()))
                .append("revokedBy", stored.revokedBy())
                .append("consentPurpose", g.consentPurpose());
    }

    private static StoredGrant decode(Document doc) {
        Set<FieldGroup> groups = doc.getList("groups", String.class).stream().map(FieldGroup::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FieldGroup.class)));
        Grant grant = Grant.builder()
                .id(doc.getString("_id"))
                .clientId(doc.getString("clientId"))
                .purpose(doc.getString("purpose"))
                .groups(groups)
                .recordIds(Set.copyOf(doc.getList("recordIds", String.class)))
                .units(doc.getList("units", String.class).stream().map(UnitPath::parse).collect(Collectors.toSet()))
                .agreementReference(doc.getString("agreementReference"))
                .agreementSha256(doc.getString("agreementSha256"))
                .requestedBy(doc.getString("requestedBy"))
                .approvedBy(doc.getString("approvedBy"))
                .expiresAt(doc.getDate("expiresAt").toInstant())
                .revokedAt(instant(doc.getDate("revokedAt")))
                .consentPurpose(doc.getString("consentPurpose"))
                .build();
        return new StoredGrant(grant, doc.getDate("requestedAt").toInstant(), instant(doc.getDate("approvedAt")),
                doc.getString("revokedBy"), doc.getString("agreementFileName"), doc.getString("agreementContentType"),
                ((Number) doc.get("agreementSize")).longValue());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
