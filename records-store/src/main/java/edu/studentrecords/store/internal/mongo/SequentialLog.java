package edu.studentrecords.store.internal.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.bson.Document;

/**
 * Appends documents whose {@code _id} is the next long of one gap-free sequence, without transactions,
 * across threads and processes: the unique {@code _id} lets exactly one writer take each number, and a
 * writer that loses re-reads the head and tries the next. Within a process appends are serialised, so
 * numbers become visible in order: a reader that sees n has seen every number before it.
 *
 * <p>Every read is by exact {@code _id} or {@code _id $in}: the embedded engine scans the whole collection for
 * an {@code _id} range or a sort, but answers key lookups from its index. Because the sequence has no gaps,
 * the head is found by doubling then halving (about 2·log2(n) lookups) and a page is a list of keys.
 * Thread-safe.
 */
public final class SequentialLog {

    /** The first page {@link #pageGrowing} asks for; each further page is four times larger, up to {@link #MAX_PAGE}. */
    static final int FIRST_PAGE = 16;
    /**
     * The largest page asked for in one query: the embedded engine checks each document an {@code _id $in} finds
     * against every key of the list, so a page of n keys costs it n squared comparisons.
     */
    private static final int MAX_PAGE = 128;

    private final MongoCollection<Document> collection;
    private final Object lock = new Object();
    private long head = -1;

    public SequentialLog(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /**
     * Inserts the document {@code build} makes for the next sequence number.
     *
     * @param build makes the document for a number; called again with a new number after a lost race, so it
     *              must have no side effects; the returned document gets that number as {@code _id}
     * @return the number taken
     */
    public long append(LongFunction<Document> build) {
        return appendAll(List.of(build)).get(0);
    }

    /**
     * Inserts the documents {@code builds} make for the next sequence numbers, in order, as few writes as other
     * writers allow (one when no other process appends meanwhile).
     *
     * @param builds each makes the document for a number, as for {@link #append}
     * @return the numbers taken, in the order of {@code builds}
     */
    public List<Long> appendAll(List<LongFunction<Document>> builds) {
        synchronized (lock) {
            if (head < 0) {
                head = readHead();
            }
            List<Long> taken = new ArrayList<>(builds.size());
            while (taken.size() < builds.size()) {
                long first = head + 1;
                List<Document> docs = new ArrayList<>(builds.size() - taken.size());
                for (int i = taken.size(); i < builds.size(); i++) {
                    long next = first + docs.size();
                    Document doc = builds.get(i).apply(next);
                    doc.put("_id", next);
                    docs.add(doc);
                }
                int written = docs.size();
                try {
                    collection.insertMany(docs);
                } catch (MongoBulkWriteException e) {
                    // In order: the documents before the first refused one are written.
                    BulkWriteError error = e.getWriteErrors().get(0);
                    if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    written = error.getIndex();
                }
                for (int i = 0; i < written; i++) {
                    taken.add(first + i);
                }
                head = written == docs.size() ? first + written - 1
                        : Math.max(first + written, readHeadFrom(first + written));
            }
            return taken;
        }
    }

    /** The entries after {@code after}, at most {@code limit}, in order, stopping at the first number not (yet) taken. */
    public List<Document> page(long after, int limit) {
        List<Long> keys = new ArrayList<>(limit);
        for (long n = after + 1; n <= after + limit; n++) {
            keys.add(n);
        }
        Map<Long, Document> found = new HashMap<>();
        for (Document doc : collection.find(Filters.in("_id", keys))) {
            found.put(((Number) doc.get("_id")).longValue(), doc);
        }
        List<Document> page = new ArrayList<>();
        for (long n = after + 1; found.containsKey(n); n++) {
            page.add(found.get(n));
        }
        return page;
    }

    /**
     * The entries after {@code after}, at most {@code limit}, in order, as {@link #page} finds them, but asking for
     * {@value #FIRST_PAGE} keys first and four times more each time a page comes back full: a reader that has caught
     * up (the usual case) asks about a few keys, not about {@code limit} of them, each of which the embedded engine
     * looks up in its index.
     */
    public List<Document> pageGrowing(long after, int limit) {
        List<Document> entries = new ArrayList<>();
        long position = after;
        int page = FIRST_PAGE;
        while (entries.size() < limit) {
            int want = Math.min(page, limit - entries.size());
            List<Document> found = page(position, want);
            entries.addAll(found);
            if (found.size() < want) {
                break;
            }
            position = ((Number) found.get(found.size() - 1).get("_id")).longValue();
            page = Math.min(page * 4, MAX_PAGE);
        }
        return entries;
    }

    /** The highest number taken so far, 0 when the log is empty. */
    public long readHead() {
        return readHeadFrom(0);
    }

    private long readHeadFrom(long known) {
        long low = known;
        long step = 1;
        while (exists(low + step)) {
            low += step;
            step *= 2;
        }
        // low exists (or is the start); low + step does not: the head lies in [low, low + step).
        long high = low + step;
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (exists(mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private boolean exists(long n) {
        return n <= 0 || collection.find(Filters.eq("_id", n)).projection(Projections.include("_id")).first() != null;
    }
}
