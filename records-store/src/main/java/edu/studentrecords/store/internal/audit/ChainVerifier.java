package edu.studentrecords.store.internal.audit;

import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.MongoCollection;
import edu.studentrecords.store.audit.ChainVerification;
import org.bson.Document;

/**
 * Walks the chain from the entry after {@code base} (the start of the chain, or the checkpoint of the last dropped
 * epoch), checking each entry's shape, hash and link to its predecessor, then checks the chain's end against the
 * anchor and against the furthest head this process has seen.
 */
final class ChainVerifier {

    private final MongoCollection<Document> entries;
    private final ChainReader chain;
    private final SegmentWalk walk;
    private final Anchor anchor;

    ChainVerifier(MongoCollection<Document> entries, ChainReader chain, ChainMac mac, Anchor anchor) {
        this.entries = entries;
        this.chain = chain;
        this.walk = new SegmentWalk(chain, mac);
        this.anchor = anchor;
    }

    ChainVerification verify(ChainHead seenHere) {
        return verify(seenHere, ChainHead.EMPTY);
    }

    /** Walks from the entry after {@code base} to the end; the entries up to {@code base} are not read. */
    ChainVerification verify(ChainHead seenHere, ChainHead base) {
        return verify(seenHere, base, -1);
    }

    /**
     * Walks from the entry after {@code base} to the end. With {@code firstKept} at least 1 (an incremental verify),
     * the chain's end is checked by the collection's count first, and by a query for an entry beyond the end only
     * when the count is not the number of entries from {@code firstKept} to the end: that query is a scan of the
     * whole collection on the embedded engine.
     */
    ChainVerification verify(ChainHead seenHere, ChainHead base, long firstKept) {
        ChainHead anchored = anchor.read();
        SegmentWalk.Result result = walk.walk(base, Long.MAX_VALUE);
        if (!result.verification().intact()) {
            return result.verification();
        }
        long end = result.end().sequence();
        long checked = result.verification().entriesChecked();
        long counted = firstKept < 1 ? -1 : entries.estimatedDocumentCount();
        boolean countAgrees = counted == end - firstKept + 1;
        // An entry stored beyond the first missing sequence means one was removed from the middle.
        if (!countAgrees && entries.find(gt(EntryDocument.ID, end)).limit(1).first() != null) {
            return ChainVerification.broken(checked, end + 1, "gap");
        }
        if (firstKept >= 1 && counted < end - firstKept + 1) {
            return ChainVerification.broken(checked, firstKept, "entries missing before the last checkpoint");
        }
        if (anchored.sequence() > end || seenHere.sequence() > end) {
            return ChainVerification.broken(checked, end + 1, "missing tail");
        }
        if (anchored.sequence() > base.sequence() && !anchored.hash().equals(hashAt(anchored.sequence()))) {
            return ChainVerification.broken(checked, anchored.sequence(), "anchor mismatch");
        }
        if (anchored.sequence() == base.sequence() && !anchored.hash().equals(base.hash())) {
            return ChainVerification.broken(checked, anchored.sequence(), "anchor mismatch");
        }
        return ChainVerification.intact(checked);
    }

    /** The hash stored at {@code sequence}, or null. */
    String hashAt(long sequence) {
        Document document = chain.fetch(java.util.List.of(sequence)).get(sequence);
        return document == null ? null : String.valueOf(document.get(EntryDocument.HASH));
    }
}
