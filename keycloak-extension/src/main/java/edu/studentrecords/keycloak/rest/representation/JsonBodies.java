package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON mapping of request and response bodies, on the server's Jackson: ISO-8601 dates and instants, unknown
 * fields refused (a misspelt field must not be dropped silently), responses as UTF-8 {@code application/json}.
 * Thread-safe.
 */
public final class JsonBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private JsonBodies() {
    }

    public static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response body could not be written", e);
        }
    }

    public static <T> T read(String body, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(body, type);
    }

    /** {@code builder} with {@code body} as its UTF-8 JSON entity. */
    public static Response.ResponseBuilder json(Response.ResponseBuilder builder, Object body) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(write(body));
    }
}
