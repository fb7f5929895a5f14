package edu.studentrecords.keycloak.rest.problem;

/**
 * A request the API refuses before the store sees it (a malformed parameter, a missing body, a wrong content type):
 * answered as a problem of its own type. Its message is written by the API and holds no submitted value.
 */
public final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemType type;

    /** A 400 {@link ProblemType#MALFORMED_REQUEST}. */
    public BadRequest(String detail) {
        this(ProblemType.MALFORMED_REQUEST, detail);
    }

    public BadRequest(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
