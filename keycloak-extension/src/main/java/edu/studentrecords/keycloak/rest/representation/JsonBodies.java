package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.validation.StrictJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Request and response bodies on the server's Jackson. A request body is read as bytes, at most
 * {@link #MAX_BODY_BYTES}, decoded as UTF-8 (a byte sequence that is not UTF-8 is refused, never replaced), and parsed
 * as strict JSON ({@link StrictJson}: one document and nothing after it, no key twice, at most
 * {@value StrictJson#MAX_DEPTH} levels, no unknown field). Responses are UTF-8 {@code application/json} with ISO-8601
 * dates and instants. Thread-safe.
 */
public final class JsonBodies {

    /** The most bytes of a request body the API reads: an import file, or a grant with its agreement in base64. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper MAPPER = StrictJson.mapper().addMixIn(RecordView.class, RecordViewJson.class);

    private JsonBodies() {
    }

    public static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response body could not be written", e);
        }
    }

    /**
     * A request body read as {@code type}.
     *
     * @throws BadRequest              400 when it is not UTF-8, or the JSON {@code null}
     * @throws JsonProcessingException when it is not one strict JSON document of the type's shape
     */
    public static <T> T read(byte[] body, Class<T> type) throws JsonProcessingException {
        return read(text(body), type);
    }

    /**
     * A request body's text read as {@code type}.
     *
     * @throws BadRequest              400 when it is the JSON {@code null}
     * @throws JsonProcessingException when it is not one strict JSON document of the type's shape
     */
    public static <T> T read(String body, Class<T> type) throws JsonProcessingException {
        T value = MAPPER.readValue(body, type);
        if (value == null) {
            throw new BadRequest("bad.json-object");
        }
        return value;
    }

    /**
     * The bytes of a request body; none when there is no body.
     *
     * @throws BadRequest 413 when it has more than {@link #MAX_BODY_BYTES}, read no further than that
     */
    public static byte[] bytes(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = body) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (bytes.size() + read > MAX_BODY_BYTES) {
                    throw new BadRequest(ProblemType.PAYLOAD_TOO_LARGE, "bad.body-too-large", MAX_BODY_BYTES);
                }
                bytes.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a request body failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * A request body as text.
     *
     * @throws BadRequest 400 when it is not UTF-8
     */
    public static String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("bad.not-utf8");
        }
    }

    /** Whether a body's content type names a charset other than UTF-8, which the API does not read. */
    public static boolean declaresOtherCharset(MediaType type) {
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return charset != null && !charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8");
    }

    /** {@code builder} with {@code body} as its UTF-8 JSON entity. */
    public static Response.ResponseBuilder json(Response.ResponseBuilder builder, Object body) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(write(body));
    }
}
