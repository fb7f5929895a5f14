package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a request says besides its JSON: query parameters (whole numbers, instants, enum values), the
 * {@code If-Match} version, the content type and the presence of a body. Every refusal is a {@link BadRequest} whose
 * message names the parameter or header, never the value sent. Record versions travel as strong entity tags:
 * {@code ETag: "7"} out, {@code If-Match: "7"} in.
 */
public final class RequestParameters {

    /** The content type of a JSON merge patch. */
    public static final String MERGE_PATCH = "application/merge-patch+json";
    /** The page size of audit entries when {@code limit} is not given, and its largest value. */
    public static final int DEFAULT_LOG_PAGE = 50;
    public static final int MAX_LOG_PAGE = 1000;

    private static final Pattern STRONG_TAG = Pattern.compile("\\s*\"(0|[1-9][0-9]{0,17})\"\\s*");
    /** A whole number in ASCII digits (Java's own parser also takes a plus sign and the digits of other scripts). */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,10}");

    private RequestParameters() {
    }

    /** A whole-number query parameter within bounds, the fallback when absent; a 400 naming the parameter otherwise. */
    public static int integer(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String digits = text.strip();
        if (WHOLE_NUMBER.matcher(digits).matches()) {
            try {
                int value = Integer.parseInt(digits);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Beyond an int: reported below, as every out-of-range value is.
            }
        }
        throw new BadRequest("bad.integer", name, min, max);
    }

    /** An ISO-8601 instant query parameter, null when absent; a 400 naming the parameter otherwise. */
    public static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest("bad.instant", name);
        }
    }

    /**
     * A window of time named by the query parameters {@code from} and {@code to}, either absent: each end between the
     * years 2000 and 9999 (no audit entry is older or newer, and a window widened a little still fits in an
     * {@link Instant}), {@code from} before {@code to}; a 400 otherwise.
     */
    public record Window(Instant from, Instant to) {

        static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
        static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

        public static Window of(String from, String to) {
            Instant start = instant("from", from);
            Instant end = instant("to", to);
            for (Instant named : new Instant[] {start, end}) {
                if (named != null && (named.isBefore(EARLIEST) || named.isAfter(LATEST))) {
                    throw new BadRequest("bad.window-range");
                }
            }
            if (start != null && end != null && !start.isBefore(end)) {
                throw new BadRequest("bad.window-order");
            }
            return new Window(start, end);
        }

        /** Whether both ends are named. */
        public boolean closed() {
            return from != null && to != null;
        }
    }

    /**
     * A query parameter naming a constant of {@code type} in any case, the fallback when absent; a 400 listing the
     * constants otherwise.
     */
    public static <E extends Enum<E>> E oneOf(String name, String text, Class<E> type, E fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("bad.one-of", name, Arrays.toString(type.getEnumConstants()));
        }
    }

    /** The entity tag of a version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names.
     *
     * @throws BadRequest 428 when the header is missing; 412 when it names no version of ours (a weak, malformed or
     *     list tag can never match a record)
     */
    static long ifMatchVersion(String header) {
        if (header == null || header.isBlank()) {
            throw new BadRequest(ProblemType.PRECONDITION_REQUIRED, "bad.if-match-missing");
        }
        Matcher matcher = STRONG_TAG.matcher(header);
        if (!matcher.matches()) {
            throw new BadRequest(ProblemType.VERSION_MISMATCH, "bad.if-match");
        }
        return Long.parseLong(matcher.group(1));
    }

    /**
     * Refuses (415) a body whose content type is missing or is not {@code expected}, or that declares a charset other
     * than UTF-8 (the API reads UTF-8 only); other parameters aside.
     */
    static void requireContentType(MediaType type, String expected) {
        if (type == null || !(type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(expected)
                || JsonBodies.declaresOtherCharset(type)) {
            throw new BadRequest(ProblemType.UNSUPPORTED_MEDIA_TYPE, "bad.media-type", expected);
        }
    }

    /** The body; a 400 when it is missing or blank. */
    static String requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequest("bad.json-body");
        }
        return body;
    }
}
