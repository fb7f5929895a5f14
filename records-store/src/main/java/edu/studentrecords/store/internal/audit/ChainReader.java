package edu.studentrecords.store.internal.audit;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Reads entry documents by sequence number. Every query is {@code _id $in [...]}: a key lookup on
 * MongoDB and on the embedded engine alike, which answers {@code _id} ranges with a full scan.
 */
final class ChainReader {

    static final int CHUNK = 256;

    private final MongoCollection<Document> entries;

    ChainReader(MongoCollection<Document> entries) {
        this.entries = entries;
    }

    /** The stored documents among the given sequence numbers, by sequence number. */
    Map<Long, Document> fetch(Collection<Long> sequences) {
        Map<Long, Document> found = new HashMap<>();
        List<Long> chunk = new ArrayList<>(CHUNK);
        for (Long sequence : sequences) {
            chunk.add(sequence);
            if (chunk.size() == CHUNK) {
                fetchInto(chunk, found);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            fetchInto(chunk, found);
        }
        return found;
    }

    /** The stored documents with sequence numbers {@code first} to {@code first + count - 1}. */
    Map<Long, Document> fetchRange(long first, int count) {
        return fetch(sequences(first, count));
    }

    /**
     * The last entry of the run of consecutive entries right after {@code known}, or {@code known} when
     * the next sequence number is not stored.
     */
    ChainHead advance(ChainHead known) {
        ChainHead head = known;
        while (true) {
            Map<Long, Document> found = fetchRange(head.sequence() + 1, CHUNK);
            for (int i = 0; i < CHUNK; i++) {
                Document document = found.get(head.sequence() + 1);
                if (document == null) {
                    return head;
                }
                head = new ChainHead(head.sequence() + 1, String.valueOf(document.get(EntryDocument.HASH)));
            }
        }
    }

    static List<Long> sequences(long first, int count) {
        List<Long> sequences = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sequences.add(first + i);
        }
        return sequences;
    }

    private void fetchInto(List<Long> chunk, Map<Long, Document> found) {
        for (Document document : entries.find(in(EntryDocument.ID, chunk)).batchSize(chunk.size())) {
            if (document.get(EntryDocument.ID) instanceof Long sequence) {
                found.put(sequence, document);
            }
        }
    }
}
