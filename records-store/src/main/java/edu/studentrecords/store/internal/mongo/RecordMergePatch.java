package edu.studentrecords.store.internal.mongo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.internal.json.JsonPaths;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.FieldError;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A JSON merge patch (RFC 7386) of a record's content, read as strict JSON ({@link RecordJson}) and applied on the same
 * JSON trees the record is mapped with. Knows which field groups it touches, so access can be decided before anything
 * is applied. Immutable.
 */
public final class RecordMergePatch {

    private final ObjectNode patch;
    private final Set<FieldGroup> touched;

    private RecordMergePatch(ObjectNode patch, Set<FieldGroup> touched) {
        this.patch = patch;
        this.touched = touched;
    }

    /**
     * Parses a merge patch: one strict JSON object (nothing after it, no key twice, limited nesting) naming field
     * groups only.
     *
     * @throws StoreException {@code MALFORMED} when the text is not one strict JSON object, or an empty one;
     *     {@code INVALID} when it names a top-level field that is not a field group
     */
    public static RecordMergePatch parse(String json) {
        JsonNode value;
        try {
            value = json == null ? null : RecordJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw StoreException.malformed(StoreException.Subject.RECORD, "the body is not valid JSON");
        }
        if (value == null || !value.isObject()) {
            throw StoreException.malformed(StoreException.Subject.RECORD, "a merge patch of a record must be a JSON object");
        }
        ObjectNode object = (ObjectNode) value;
        if (object.isEmpty()) {
            throw StoreException.malformed(StoreException.Subject.RECORD, "the merge patch changes nothing");
        }
        Set<FieldGroup> touched = EnumSet.noneOf(FieldGroup.class);
        List<FieldError> unknown = StreamSupport.stream(((Iterable<String>) object::fieldNames).spliterator(), false)
                .filter(key -> FieldGroup.fromJsonName(key).map(touched::add).isEmpty())
                .sorted()
                .map(key -> new FieldError(key, "unknown-field", "is not a field of a student record"))
                .collect(Collectors.toList());
        if (!unknown.isEmpty()) {
            throw StoreException.invalid(unknown);
        }
        return new RecordMergePatch(object, Set.copyOf(touched));
    }

    /** The field groups the patch changes (or removes). */
    public Set<FieldGroup> touchedGroups() {
        return touched;
    }

    /**
     * The content after the patch. Not validated here beyond its shape.
     *
     * @throws StoreException {@code INVALID} when the result has fields of the wrong type or unknown fields
     */
    public StudentRecord applyTo(StudentRecord content) {
        try {
            JsonNode patched = merge(RecordJson.mapper().valueToTree(content), patch);
            return RecordJson.mapper().treeToValue(patched, StudentRecord.class);
        } catch (UnrecognizedPropertyException e) {
            throw StoreException.invalid(List.of(new FieldError(JsonPaths.of(e), "unknown-field", "is not a field of a student record")));
        } catch (MismatchedInputException e) {
            throw StoreException.invalid(List.of(new FieldError(JsonPaths.of(e), "wrong-type", "has the wrong type or format")));
        } catch (JsonProcessingException e) {
            throw StoreException.malformed(StoreException.Subject.RECORD, "the patched record is not readable");
        }
    }

    /** RFC 7386: an object merges into the target member by member, a null member removes one; anything else replaces. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode merged = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        patch.fields().forEachRemaining(member -> {
            if (member.getValue().isNull()) {
                merged.remove(member.getKey());
            } else {
                merged.set(member.getKey(), merge(merged.get(member.getKey()), member.getValue()));
            }
        });
        return merged;
    }
}
