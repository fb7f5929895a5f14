package edu.studentrecords.store.testing;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Watches a driver's commands and keeps, for the {@code insert} commands into one collection, how many documents each
 * carried and which of them failed. Thread-safe.
 */
public final class InsertCounter implements CommandListener {

    private final String collection;
    private final long delayMillis;
    private final List<Integer> sizes = new CopyOnWriteArrayList<>();
    private final Map<Integer, Integer> sizeByRequest = new ConcurrentHashMap<>();
    private final List<Integer> failedSizes = new CopyOnWriteArrayList<>();

    public InsertCounter(String collection) {
        this(collection, 0);
    }

    /**
     * Also holds each insert into the collection for {@code delayMillis} before it is sent, as a slower disk would:
     * appenders then meet at the insert whatever else the machine is doing, which is what group commit is for.
     */
    public InsertCounter(String collection, long delayMillis) {
        this.collection = collection;
        this.delayMillis = delayMillis;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        BsonValue target = command.get("insert");
        if ("insert".equals(event.getCommandName()) && target != null && target.isString()
                && collection.equals(target.asString().getValue())) {
            int size = command.getArray("documents").size();
            sizes.add(size);
            sizeByRequest.put(event.getRequestId(), size);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        Integer size = sizeByRequest.get(event.getRequestId());
        if (size != null) {
            failedSizes.add(size);
        }
    }

    /** The number of insert commands sent so far. */
    public int inserts() {
        return sizes.size();
    }

    /** The number of documents those commands carried. */
    public int documents() {
        return sizes.stream().mapToInt(Integer::intValue).sum();
    }

    /** The number of documents carried by insert commands that failed. */
    public int documentsInFailedInserts() {
        return failedSizes.stream().mapToInt(Integer::intValue).sum();
    }

    /** The number of insert commands that failed. */
    public int failedInserts() {
        return failedSizes.size();
    }
}
