package edu.studentrecords.store.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import edu.studentrecords.store.model.FieldGroup;
import java.util.Objects;

/**
 * One field a change gave another value.
 *
 * @param path   where the field is, from the record's root: {@code profile.name}, {@code guardians[0].phone}
 * @param before its value before the change (JSON {@code null} when it had none)
 * @param after  its value after the change (JSON {@code null} when it has none)
 */
public record FieldChange(String path, JsonNode before, JsonNode after) {

    public FieldChange {
        Objects.requireNonNull(path, "path");
        before = before == null ? NullNode.getInstance() : before;
        after = after == null ? NullNode.getInstance() : after;
    }

    /** The group the field belongs to: the first segment of its path. */
    public FieldGroup group() {
        int end = 0;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        return FieldGroup.fromJsonName(path.substring(0, end))
                .orElseThrow(() -> new IllegalStateException("a changed field outside the record's groups"));
    }

    @Override
    public String toString() {
        return "FieldChange[" + path + "]";
    }
}
