package edu.studentrecords.store.internal.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import edu.studentrecords.store.history.FieldChange;
import edu.studentrecords.store.internal.mongo.RecordJson;
import edu.studentrecords.store.model.StudentRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields two versions of a record's content differ in, field by field: objects by name, lists by position, down
 * to the values themselves, each named by its path from the record's root ({@code profile.name},
 * {@code guardians[1].phone}). A field without a value and a field that is absent are the same.
 */
final class FieldDiff {

    private FieldDiff() {
    }

    /** The fields {@code after} changed in {@code before}, in the record's order. */
    static List<FieldChange> between(StudentRecord before, StudentRecord after) {
        List<FieldChange> changes = new ArrayList<>();
        diff("", tree(before), tree(after), changes);
        return changes;
    }

    private static JsonNode tree(StudentRecord content) {
        return content == null ? MissingNode.getInstance() : RecordJson.mapper().valueToTree(content);
    }

    private static void diff(String path, JsonNode before, JsonNode after, List<FieldChange> changes) {
        JsonNode a = absent(before) ? NullNode.getInstance() : before;
        JsonNode b = absent(after) ? NullNode.getInstance() : after;
        if (a.equals(b)) {
            return;
        }
        if ((a.isObject() || a.isNull()) && (b.isObject() || b.isNull()) && (a.isObject() || b.isObject())) {
            Set<String> names = new LinkedHashSet<>();
            names(a, names);
            names(b, names);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, a.path(name), b.path(name), changes);
            }
        } else if ((a.isArray() || a.isNull()) && (b.isArray() || b.isNull()) && (a.isArray() || b.isArray())) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                diff(path + "[" + i + "]", a.path(i), b.path(i), changes);
            }
        } else {
            changes.add(new FieldChange(path, a, b));
        }
    }

    private static void names(JsonNode node, Set<String> names) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }
}
