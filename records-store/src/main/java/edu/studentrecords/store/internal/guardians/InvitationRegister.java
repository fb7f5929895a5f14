package edu.studentrecords.store.internal.guardians;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;

/**
 * Guardian invitations, one document each, keyed by the SHA-256 of the one-time token (the store never holds a token
 * that works): the record, the guardian entry, who invited, when it expires, and once accepted, by whom and when. An
 * invitation is accepted at most once, by one single-document compare-and-set. No email address is kept. Thread-safe.
 */
final class InvitationRegister {

    private static final String RECORD = "recordId";
    private static final String INDEX = "guardianIndex";
    private static final String ID = "invitationId";
    private static final String INVITED_BY = "invitedBy";
    private static final String EXPIRES_AT = "expiresAt";
    private static final String ACCEPTED_AT = "acceptedAt";
    private static final String ACCEPTED_BY = "acceptedBy";

    /** An invitation taken up: which guardian entry of which record. */
    record Taken(String invitationId, String recordId, int guardianIndex) {
    }

    private final MongoCollection<Document> invitations;

    InvitationRegister(MongoCollection<Document> invitations) {
        this.invitations = invitations;
    }

    void add(String token, String invitationId, String recordId, int guardianIndex, String invitedBy, Instant expiresAt) {
        invitations.insertOne(new Document("_id", hash(token)).append(ID, invitationId).append(RECORD, recordId)
                .append(INDEX, guardianIndex).append(INVITED_BY, invitedBy).append(EXPIRES_AT, Date.from(expiresAt))
                .append(ACCEPTED_AT, null).append(ACCEPTED_BY, null));
    }

    /**
     * Takes the invitation of {@code token} up for {@code guardian} if it is neither expired at {@code now} nor taken
     * already: one compare-and-set, so that it is taken once whatever happens at the same time.
     */
    Optional<Taken> take(String token, String guardian, Instant now) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Document taken = invitations.findOneAndUpdate(
                Filters.and(Filters.eq("_id", hash(token)), Filters.eq(ACCEPTED_AT, null),
                        Filters.gt(EXPIRES_AT, Date.from(now))),
                Updates.combine(Updates.set(ACCEPTED_AT, Date.from(now)), Updates.set(ACCEPTED_BY, guardian)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(taken)
                .map(doc -> new Taken(doc.getString(ID), doc.getString(RECORD), doc.getInteger(INDEX)));
    }

    /** The record an invitation's token names, whatever its state (for the audit entry of a refused one). */
    Optional<String> recordOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(invitations.find(Filters.eq("_id", hash(token))).first()).map(d -> d.getString(RECORD));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
