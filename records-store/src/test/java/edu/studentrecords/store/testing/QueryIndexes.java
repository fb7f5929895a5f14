package edu.studentrecords.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Checks that every query a store sent is served by an index the store created, and writes the list (query shape, the
 * index that serves it, and where the engine explains its plans, the plan's stages) to {@code target/}.
 *
 * <p>An index serves a query when its leading field is one the filter matches on (in every branch of an {@code $or}),
 * or, for a query without a filter, the field it sorts on. A query without a filter that returns a bounded number of
 * documents needs none. Everything else is an unbounded scan and fails the check. On a real mongod the plan is also
 * explained, and a plan with a {@code COLLSCAN} stage fails it, whatever the indexes look like.
 */
public final class QueryIndexes {

    private static final String BOUNDED = "none needed (no filter, bounded)";

    private QueryIndexes() {
    }

    /** Fails naming every query not served by an index; writes the report {@code target/<reportName>} either way. */
    public static void check(MongoDatabase db, List<SentQuery> queries, boolean explain, String reportName) {
        assertThat(queries).as("queries the store sent").isNotEmpty();
        assertThat(queries).extracting(SentQuery::collection).as("collections queried").contains("records");
        Map<String, List<Document>> indexes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        StringBuilder report = new StringBuilder("| Query shape | Index | Plan |\n|---|---|---|\n");
        for (SentQuery query : queries) {
            List<Document> ofCollection = indexes.computeIfAbsent(query.collection(), c -> indexesOf(db, c));
            String index = servingIndex(query, ofCollection);
            String plan = "";
            if (index == null) {
                failures.add("no index serves " + query.shape() + " (indexes: " + keys(ofCollection) + ")");
            }
            if (explain) {
                try {
                    Document explained = db.runCommand(new Document("explain",
                            Document.parse(query.command().toJson())).append("verbosity", "queryPlanner"));
                    Set<String> stages = planStages(explained);
                    plan = String.join(" ", stages);
                    // A scan is fine only where no index is needed: no filter, a bounded number of documents.
                    boolean bounded = index != null && index.startsWith(BOUNDED);
                    if (stages.contains("COLLSCAN") && !bounded) {
                        failures.add("the server scans the collection for " + query.shape() + ": " + plan);
                    }
                    if (stages.isEmpty()) {
                        failures.add("the server explained no plan for " + query.shape() + ": " + explained.toJson());
                    }
                } catch (MongoException e) {
                    failures.add("the server could not explain " + query.shape() + ": " + e.getMessage());
                }
            }
            report.append("| `").append(query.shape()).append("` | ").append(index == null ? "**none**" : index)
                    .append(" | ").append(plan).append(" |\n");
        }
        report.append("\nIndexes by collection:\n\n");
        indexes.forEach((collection, list) -> report.append("- `").append(collection).append("`: ")
                .append(keys(list)).append('\n'));
        write(reportName, report.toString());
        assertThat(failures).as("queries without an index (report: target/" + reportName + ")").isEmpty();
    }

    /** The name of the index that serves the query, a note when it needs none, or null when it is an unbounded scan. */
    static String servingIndex(SentQuery query, List<Document> indexes) {
        List<Set<String>> alternatives = query.alternatives();
        boolean noFilter = alternatives.stream().allMatch(Set::isEmpty);
        if (noFilter) {
            if (!query.sort().isEmpty()) {
                String sortField = query.sort().getFirstKey();
                for (Document index : indexes) {
                    if (leadingField(index).equals(sortField)) {
                        return name(index) + " (sort)";
                    }
                }
            }
            return query.limited() ? BOUNDED : null;
        }
        // As a planner would: the _id index first, then unique ones, then the others.
        List<Document> preferred = new ArrayList<>(indexes);
        preferred.sort(java.util.Comparator.comparingInt(index -> leadingField(index).equals("_id") ? 0
                : index.getBoolean("unique", false) ? 1 : 2));
        for (Document index : preferred) {
            String leading = leadingField(index);
            if (alternatives.stream().allMatch(fields -> fields.contains(leading))) {
                return name(index);
            }
        }
        return null;
    }

    private static List<Document> indexesOf(MongoDatabase db, String collection) {
        List<Document> list = db.getCollection(collection).listIndexes().into(new ArrayList<>());
        if (list.stream().noneMatch(index -> leadingField(index).equals("_id"))) {
            // Every collection has its _id index, listed or not.
            list.add(0, new Document("name", "_id_").append("key", new Document("_id", 1)));
        }
        return list;
    }

    private static String leadingField(Document index) {
        Document key = index.get("key", Document.class);
        return key == null || key.isEmpty() ? "" : key.keySet().iterator().next();
    }

    private static String name(Document index) {
        return index.getString("name") + " " + index.get("key", Document.class).toJson()
                + (index.getBoolean("unique", false) ? " unique" : "");
    }

    private static String keys(List<Document> indexes) {
        List<String> names = new ArrayList<>();
        for (Document index : indexes) {
            names.add(name(index));
        }
        return String.join("; ", names);
    }

    /** The stages of the winning plans anywhere in an explain answer (aggregations nest theirs in their first stage). */
    static Set<String> planStages(Document explained) {
        Set<String> stages = new LinkedHashSet<>();
        winningStages(explained, false, stages);
        return stages;
    }

    private static void winningStages(Object node, boolean inWinningPlan, Set<String> stages) {
        if (node instanceof Document document) {
            for (Map.Entry<String, Object> field : document.entrySet()) {
                if (field.getKey().equals("rejectedPlans")) {
                    continue;
                }
                boolean winning = inWinningPlan || field.getKey().equals("winningPlan");
                if (winning && field.getKey().equals("stage") && field.getValue() instanceof String stage) {
                    stages.add(stage);
                }
                winningStages(field.getValue(), winning, stages);
            }
        } else if (node instanceof List<?> list) {
            for (Object element : list) {
                winningStages(element, inWinningPlan, stages);
            }
        }
    }

    private static void write(String name, String text) {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            Files.writeString(target.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
