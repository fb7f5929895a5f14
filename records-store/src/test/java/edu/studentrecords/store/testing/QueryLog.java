package edu.studentrecords.store.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Every query a store sends to its database, one example of each shape: finds, counts, distincts, aggregations, and
 * the filters of updates, deletes and find-and-modify. Register it on the store's client; thread-safe.
 */
public final class QueryLog implements CommandListener {

    // Fields of the session, the connection and the concerns: not part of a query, and refused inside an explain.
    private static final Set<String> ENVELOPE = Set.of("$db", "lsid", "$clusterTime", "txnNumber", "writeConcern",
            "readConcern", "$readPreference", "apiVersion", "apiStrict", "apiDeprecationErrors", "autocommit",
            "startTransaction", "maxTimeMS");

    private final String database;
    private final Map<String, SentQuery> byShape = new LinkedHashMap<>();

    /** Logs the queries sent to {@code database} only. */
    public QueryLog(String database) {
        this.database = database;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!event.getDatabaseName().equals(database)) {
            return;
        }
        BsonDocument command = event.getCommand().clone();
        command.keySet().removeAll(ENVELOPE);
        for (SentQuery query : queriesOf(event.getCommandName(), command)) {
            synchronized (byShape) {
                byShape.putIfAbsent(query.shape(), query);
            }
        }
    }

    /** One query of each shape seen so far, in the order first seen. */
    public List<SentQuery> shapes() {
        synchronized (byShape) {
            return List.copyOf(byShape.values());
        }
    }

    private static List<SentQuery> queriesOf(String name, BsonDocument command) {
        String collection = command.isString(name) ? command.getString(name).getValue() : "";
        BsonDocument none = new BsonDocument();
        List<SentQuery> queries = new ArrayList<>();
        switch (name) {
            case "find" -> queries.add(new SentQuery(collection, command, command.getDocument("filter", none),
                    command.getDocument("sort", none), command.containsKey("limit") || command.getBoolean(
                            "singleBatch", org.bson.BsonBoolean.FALSE).getValue()));
            case "count", "distinct" -> queries.add(new SentQuery(collection, command,
                    command.getDocument("query", none), none, command.containsKey("limit")));
            case "findAndModify" -> queries.add(new SentQuery(collection, command,
                    command.getDocument("query", none), command.getDocument("sort", none), true));
            case "aggregate" -> {
                BsonArray pipeline = command.getArray("pipeline", new BsonArray());
                BsonDocument first = pipeline.isEmpty() ? none : pipeline.get(0).asDocument();
                // A change stream reads the oplog, not the collection.
                if (!first.containsKey("$changeStream")) {
                    BsonDocument match = first.getDocument("$match", none);
                    BsonDocument sort = none;
                    boolean limited = false;
                    for (BsonValue stage : pipeline) {
                        if (stage.asDocument().containsKey("$sort") && sort.isEmpty()) {
                            sort = stage.asDocument().getDocument("$sort");
                        }
                        limited |= stage.asDocument().containsKey("$limit");
                    }
                    queries.add(new SentQuery(collection, command, match, sort, limited));
                }
            }
            case "update", "delete" -> {
                String list = name.equals("update") ? "updates" : "deletes";
                for (BsonValue statement : command.getArray(list, new BsonArray())) {
                    BsonDocument one = command.clone();
                    one.put(list, new BsonArray(List.of(statement)));
                    BsonDocument s = statement.asDocument();
                    boolean single = name.equals("update")
                            ? !s.getBoolean("multi", org.bson.BsonBoolean.FALSE).getValue()
                            : s.getNumber("limit", new org.bson.BsonInt32(0)).intValue() == 1;
                    queries.add(new SentQuery(collection, one, s.getDocument("q", none), none, single));
                }
            }
            default -> {
                // inserts, index creation, getMore, hello: no query shape
            }
        }
        return queries;
    }
}
