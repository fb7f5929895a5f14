package edu.studentrecords.store.internal.mongo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import edu.studentrecords.store.InvalidPatchException;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JSON merge patch (RFC 7386) of a record's content, applied with Jakarta JSON Processing. Knows which
 * field groups it touches, so access can be decided before anything is applied. Immutable.
 */
public final class RecordMergePatch {

    private final JsonObject patch;
    private final Set<FieldGroup> touched;

    private RecordMergePatch(JsonObject patch, Set<FieldGroup> touched) {
        this.patch = patch;
        this.touched = touched;
    }

    /**
     * Parses a merge patch.
     *
     * @throws InvalidPatchException  when the text is not a JSON object
     * @throws InvalidRecordException when it names a top-level field that is not a field group
     */
    public static RecordMergePatch parse(String json) {
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidPatchException("the body is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidPatchException("a merge patch of a record must be a JSON object");
        }
        JsonObject object = value.asJsonObject();
        if (object.isEmpty()) {
            throw new InvalidPatchException("the merge patch changes nothing");
        }
        Set<FieldGroup> touched = EnumSet.noneOf(FieldGroup.class);
        List<FieldError> unknown = object.keySet().stream()
                .filter(key -> FieldGroup.fromJsonName(key).map(touched::add).isEmpty())
                .sorted()
                .map(key -> new FieldError(key, "unknown-field", "is not a field of a student record"))
                .collect(Collectors.toList());
        if (!unknown.isEmpty()) {
            throw new InvalidRecordException(unknown);
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
     * @throws InvalidRecordException when the result has fields of the wrong type or unknown fields
     */
    public StudentRecord applyTo(StudentRecord content) {
        try {
            String current = RecordJson.mapper().writeValueAsString(content);
            JsonValue target;
            try (JsonReader reader = Json.createReader(new StringReader(current))) {
                target = reader.readValue();
            }
            JsonValue patched = Json.createMergePatch(patch).apply(target);
            return RecordJson.mapper().readValue(patched.toString(), StudentRecord.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidRecordException(List.of(new FieldError(path(e), "unknown-field", "is not a field of a student record")));
        } catch (MismatchedInputException e) {
            throw new InvalidRecordException(List.of(new FieldError(path(e), "wrong-type", "has the wrong type or format")));
        } catch (JsonProcessingException e) {
            throw new InvalidPatchException("the patched record is not readable");
        }
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "$" : path.toString();
    }
}
