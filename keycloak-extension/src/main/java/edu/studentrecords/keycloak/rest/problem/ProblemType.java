package edu.studentrecords.keycloak.rest.problem;

/** The kinds of problem the API answers with; their URIs are part of the contract and never change. */
public enum ProblemType {
    NOT_AUTHENTICATED("not-authenticated", "Not authenticated", 401),
    MALFORMED_REQUEST("malformed-request", "Malformed request", 400),
    FORBIDDEN("forbidden", "Access denied", 403),
    FOUR_EYES("four-eyes", "A second administrator must approve", 403),
    IMPERSONATED("impersonated", "Not while impersonating", 403),
    PROXY_ENDED("proxy-ended", "The student has turned 18", 403),
    GUARDIAN_CONSENT_REQUIRED("guardian-consent-required", "The guardian consents for this student", 403),
    STUDENT_CONSENTS_THEMSELVES("student-consents-themselves", "The student consents themselves", 403),
    NOT_FOUND("not-found", "Not found", 404),
    CONFLICT("conflict", "Conflict with another record", 409),
    VERSION_MISMATCH("version-mismatch", "The record has changed", 412),
    PAYLOAD_TOO_LARGE("too-large", "Request too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    VALIDATION("validation", "Invalid record", 422),
    PRECONDITION_REQUIRED("precondition-required", "If-Match required", 428),
    UNAVAILABLE("unavailable", "Service unavailable", 503),
    SEARCH_CATCHING_UP("search-catching-up", "Search is catching up", 503),
    INTERNAL("internal", "Internal error", 500);

    /** Where the problem type URIs live. */
    static final String BASE = "https://student-records.example/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return BASE + slug;
    }

    /** The last segment of the type's URI, which also names its texts in {@link ProblemTexts}. */
    public String slug() {
        return slug;
    }

    /** The English title; {@link ProblemTexts#title} gives it in a request's language. */
    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
