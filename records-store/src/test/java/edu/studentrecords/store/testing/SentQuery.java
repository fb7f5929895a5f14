package edu.studentrecords.store.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One query the store sent, as the driver put it on the wire: the command (to explain it on a real server) and its
 * shape (the command, the collection, the fields its filter names and its sort), which is what decides the index.
 *
 * @param collection the collection queried
 * @param command    the command as sent, less the fields of the session and the connection
 * @param filter     the filter, or an empty document for none
 * @param sort       the sort, or an empty document for none
 * @param limited    whether the query returns a bounded number of documents (a limit, or a write of one document)
 */
public record SentQuery(String collection, BsonDocument command, BsonDocument filter, BsonDocument sort, boolean limited) {

    /** The command's name ({@code find}, {@code update}, ...). */
    public String name() {
        return command.getFirstKey();
    }

    /** What decides the index: command, collection, the filter's fields with their operators, the sort's fields. */
    public String shape() {
        return name() + " " + collection + " " + describe(filter) + (sort.isEmpty() ? "" : " sort " + sort.keySet())
                + (limited ? " limited" : "");
    }

    /**
     * The alternatives a query can be served by: each is the set of fields that one branch of the filter matches on
     * (one set for a plain filter, one per branch of an {@code $or}). An index serves the query when, for every
     * alternative, its leading field is one of that alternative's fields.
     */
    public List<Set<String>> alternatives() {
        return alternativesOf(filter);
    }

    private static List<Set<String>> alternativesOf(BsonDocument filter) {
        List<Set<String>> alternatives = new ArrayList<>();
        alternatives.add(new TreeSet<>());
        for (String key : filter.keySet()) {
            BsonValue value = filter.get(key);
            if (key.equals("$and")) {
                for (BsonValue part : value.asArray()) {
                    alternatives = product(alternatives, alternativesOf(part.asDocument()));
                }
            } else if (key.equals("$or")) {
                List<Set<String>> branches = new ArrayList<>();
                for (BsonValue part : value.asArray()) {
                    branches.addAll(alternativesOf(part.asDocument()));
                }
                alternatives = product(alternatives, branches);
            } else if (!key.startsWith("$") && !negativeOnly(value)) {
                for (Set<String> alternative : alternatives) {
                    alternative.add(key);
                }
            }
        }
        return alternatives;
    }

    // A field matched only by $ne, $nin, $not or {$exists: false} narrows nothing an index could seek.
    private static boolean negativeOnly(BsonValue value) {
        if (!value.isDocument() || value.asDocument().isEmpty()) {
            return false;
        }
        for (String operator : value.asDocument().keySet()) {
            boolean negative = operator.equals("$ne") || operator.equals("$nin") || operator.equals("$not")
                    || (operator.equals("$exists") && !value.asDocument().get(operator).asBoolean().getValue());
            if (!negative) {
                return false;
            }
        }
        return true;
    }

    private static List<Set<String>> product(List<Set<String>> left, List<Set<String>> right) {
        List<Set<String>> combined = new ArrayList<>();
        for (Set<String> l : left) {
            for (Set<String> r : right) {
                Set<String> both = new TreeSet<>(l);
                both.addAll(r);
                combined.add(both);
            }
        }
        return combined;
    }

    private static String describe(BsonValue value) {
        if (value.isDocument()) {
            List<String> parts = new ArrayList<>();
            BsonDocument document = value.asDocument();
            for (String key : document.keySet()) {
                BsonValue inner = document.get(key);
                boolean operatorsInside = inner.isDocument() && !inner.asDocument().isEmpty()
                        && inner.asDocument().getFirstKey().startsWith("$");
                parts.add(key + (key.startsWith("$") || operatorsInside ? ":" + describe(inner) : ""));
            }
            return "{" + String.join(",", parts) + "}";
        }
        if (value.isArray()) {
            BsonArray array = value.asArray();
            List<String> parts = new ArrayList<>();
            for (BsonValue element : array) {
                String described = describe(element);
                if (!parts.contains(described)) {
                    parts.add(described);
                }
            }
            return "[" + String.join(",", parts) + "]";
        }
        return "?";
    }
}
