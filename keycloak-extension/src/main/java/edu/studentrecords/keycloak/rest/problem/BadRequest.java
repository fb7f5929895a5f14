package edu.studentrecords.keycloak.rest.problem;

import java.util.Arrays;

/**
 * A request the API refuses before the store sees it (a malformed parameter, a missing body, a wrong content type):
 * answered as a problem of its own type. Its detail is the text of a key of {@link ProblemTexts} in the request's
 * language, filled with values the API writes (names of parameters, limits), never a submitted value; its message is
 * that text in English.
 */
public final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemType type;
    private final String key;
    private final transient Object[] values;

    /** A 400 {@link ProblemType#MALFORMED_REQUEST} with the text of {@code key}. */
    public BadRequest(String key, Object... values) {
        this(ProblemType.MALFORMED_REQUEST, key, values);
    }

    public BadRequest(ProblemType type, String key, Object... values) {
        super(ProblemTexts.ENGLISH.text(key, values), null, false, false);
        this.type = type;
        this.key = key;
        this.values = values.clone();
    }

    public ProblemType type() {
        return type;
    }

    /** The detail in the language of {@code texts}. */
    public String detail(ProblemTexts texts) {
        return texts.text(key, Arrays.copyOf(values, values.length));
    }
}
