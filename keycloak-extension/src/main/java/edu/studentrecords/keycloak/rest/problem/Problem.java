package edu.studentrecords.keycloak.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An error response body, {@code application/problem+json} (RFC 9457). Never holds a stack trace, an internal
 * name or a personal value.
 *
 * @param type   a stable URI naming the kind of problem
 * @param title  a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this request
 * @param reason the stable code of an access refusal, or null
 * @param errors the field errors of a validation problem, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String reason, List<Error> errors) {

    /** The media type of problem documents. */
    static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One field that breaks a rule.
     *
     * @param field   the JSON path of the field, e.g. {@code contact.mobilePhone}
     * @param message a human-readable explanation
     * @param rule    a stable code of the broken rule
     */
    public record Error(String field, String message, String rule) {
    }

    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
    }

    /** A problem of {@code type} with its English title and status. */
    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null);
    }

    /** A problem of {@code type} with its title and the text of {@code key}, both in the language of {@code texts}. */
    public static Problem of(ProblemType type, ProblemTexts texts, String key, Object... values) {
        return new Problem(type.uri(), texts.title(type), type.status(), texts.text(key, values), null, null);
    }

    /** An answer with this problem: its status, {@value #MEDIA_TYPE}. */
    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(JsonBodies.write(this));
    }
}
