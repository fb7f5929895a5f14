package edu.studentrecords.store.internal.json;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Where in a JSON document Jackson failed, as a field path such as {@code guardians[0].phone}: never the value. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The path of the failure, or {@code $} for the document itself. */
    public static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
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
