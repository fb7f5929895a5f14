package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Record versions as entity tags: {@code ETag: "7"} out, {@code If-Match: "7"} in. */
final class IfMatch {

    private static final Pattern STRONG_TAG = Pattern.compile("\\s*\"([0-9]{1,18})\"\\s*");

    private IfMatch() {
    }

    /** The entity tag of a version. */
    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names.
     *
     * @throws BadRequest 428 when the header is missing; 412 when it names no version of ours
     *     (a weak, malformed or list tag can never match a record)
     */
    static long version(String header) {
        if (header == null || header.isBlank()) {
            throw new BadRequest(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version you read.");
        }
        Matcher matcher = STRONG_TAG.matcher(header);
        if (!matcher.matches()) {
            throw new BadRequest(ProblemType.VERSION_MISMATCH,
                    "If-Match must be the ETag of the version you read, such as \"3\".");
        }
        return Long.parseLong(matcher.group(1));
    }
}
