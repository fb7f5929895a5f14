package edu.studentrecords.store.internal.audit;

import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.MongoCollection;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.ChainVerification;
import java.util.Map;
import org.bson.Document;

/**
 * Walks the chain from sequence 1, checking each entry's shape, hash and link to its predecessor, then
 * checks the chain's end against the anchor and against the furthest head this process has seen.
 */
final class ChainVerifier {

    private final MongoCollection<Document> entries;
    private final ChainReader chain;
    private final ChainMac mac;
    private final Anchor anchor;

    ChainVerifier(MongoCollection<Document> entries, ChainReader chain, ChainMac mac, Anchor anchor) {
        this.entries = entries;
        this.chain = chain;
        this.mac = mac;
        this.anchor = anchor;
    }

    ChainVerification verify(ChainHead seenHere) {
        ChainHead anchored = anchor.read();
        String previousHash = AuditEntry.GENESIS_HASH;
        String hashAtAnchor = anchored.sequence() == 0 ? AuditEntry.GENESIS_HASH : null;
        long checked = 0;
        long next = 1;
        while (true) {
            Map<Long, Document> found = chain.fetchRange(next, ChainReader.CHUNK);
            for (int i = 0; i < ChainReader.CHUNK; i++, next++) {
                Document document = found.get(next);
                if (document == null) {
                    return checkEnd(next - 1, checked, anchored, hashAtAnchor, seenHere);
                }
                AuditEntry entry;
                try {
                    entry = EntryDocument.toEntry(document);
                } catch (MalformedEntryException e) {
                    return ChainVerification.broken(checked, next, "malformed entry: " + e.getMessage());
                }
                if (!mac.hashOf(entry).equals(entry.hash())) {
                    return ChainVerification.broken(checked, next, "hash mismatch");
                }
                if (!entry.previousHash().equals(previousHash)) {
                    return ChainVerification.broken(checked, next, "broken link");
                }
                previousHash = entry.hash();
                if (next == anchored.sequence()) {
                    hashAtAnchor = entry.hash();
                }
                checked++;
            }
        }
    }

    private ChainVerification checkEnd(long end, long checked, ChainHead anchored, String hashAtAnchor,
            ChainHead seenHere) {
        // An entry stored beyond the first missing sequence means one was removed from the middle.
        if (entries.find(gt(EntryDocument.ID, end)).limit(1).first() != null) {
            return ChainVerification.broken(checked, end + 1, "gap");
        }
        if (anchored.sequence() > end || seenHere.sequence() > end) {
            return ChainVerification.broken(checked, end + 1, "missing tail");
        }
        if (!anchored.hash().equals(hashAtAnchor)) {
            return ChainVerification.broken(checked, anchored.sequence(), "anchor mismatch");
        }
        return ChainVerification.intact(checked);
    }
}
