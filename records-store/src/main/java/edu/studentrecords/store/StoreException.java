package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the store refuses or cannot do, as one exception with a {@link Kind} (what went wrong) and a
 * {@link Subject} (what it concerns), so that a caller maps kinds to answers in one switch.
 *
 * <p>The message is written by the store from codes, field paths, states and numbers only: it never holds a value a
 * caller submitted or a record holds, so it may be shown and logged. Immutable.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong; each kind is one kind of answer (for HTTP: one status). */
    public enum Kind {
        /** No such thing, or the caller may not learn whether it exists. */
        NOT_FOUND,
        /** The caller may not do this; {@link #code()} says why (a {@code DenialReason} name, or {@code FOUR_EYES}). */
        REFUSED,
        /** The content breaks rules; {@link #errors()} names each field and rule. */
        INVALID,
        /** The input cannot be read at all (not a JSON object, a file without a header). */
        MALFORMED,
        /** The thing is in a state, or holds a key, that does not allow this now; {@link #code()} says which. */
        CONFLICT,
        /** The record changed since the version the caller read; {@link #currentVersion()} is the version now. */
        STALE,
        /** The input is larger than the store takes; {@link #limit()} is the limit. */
        TOO_LARGE,
        /** The store cannot serve the call now (the audit trail cannot record it, a backend is down). */
        UNAVAILABLE
    }

    /** What a failure concerns. */
    public enum Subject {
        RECORD, GRANT, PURGE_REQUEST, CORRECTION, REPORT, LEGAL_HOLD, ARCHIVE, ENROLMENT_FILE, RETENTION_POLICY,
        PAPER_COPY, AUDIT_TRAIL, BACKUP, SETTINGS, NOTICE, INCIDENT, GUARDIAN_LINK, INVITATION, CONSENT, PEOPLE,
        APPLICATION
    }

    /** The {@link #code()} of a refusal because the approver is the one who asked. */
    public static final String FOUR_EYES = "FOUR_EYES";
    /** The {@link #code()} of a {@link Subject#LEGAL_HOLD} conflict: a destruction a legal hold stops. */
    public static final String HELD = "HELD";

    private final Kind kind;
    private final Subject subject;
    private final String code;
    private final transient List<FieldError> errors;
    private final long currentVersion;
    private final int limit;

    private StoreException(Kind kind, Subject subject, String code, String message, List<FieldError> errors,
            long currentVersion, int limit, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.code = code;
        this.errors = List.copyOf(errors);
        this.currentVersion = currentVersion;
        this.limit = limit;
    }

    private static StoreException of(Kind kind, Subject subject, String code, String message) {
        return new StoreException(kind, subject, code, message, List.of(), -1, -1, null);
    }

    /** There is no such {@code subject}, or the caller may not know of it. */
    public static StoreException notFound(Subject subject) {
        return of(Kind.NOT_FOUND, subject, null, "no such " + name(subject));
    }

    /** The access decision refused the call. */
    public static StoreException refused(AccessDecision.Denied denial) {
        return of(Kind.REFUSED, Subject.RECORD, denial.reason().name(), denial.reason().description());
    }

    /** The approver of {@code subject} is its requester: a second person must approve. */
    public static StoreException fourEyes(Subject subject) {
        return of(Kind.REFUSED, subject, FOUR_EYES, "the approver must not be the requester");
    }

    /** The content breaks rules; nothing was written. */
    public static StoreException invalid(Subject subject, List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid input names at least one error");
        }
        return new StoreException(Kind.INVALID, subject, null, errors.size() + " field(s) invalid", errors, -1, -1,
                null);
    }

    /** A record's content breaks rules; nothing was written. */
    public static StoreException invalid(List<FieldError> errors) {
        return invalid(Subject.RECORD, errors);
    }

    /** One field breaks one rule. */
    public static StoreException invalid(Subject subject, FieldError error) {
        return invalid(subject, List.of(error));
    }

    /**
     * The input cannot be read.
     *
     * @param message what is wrong, by field, column name or row number, never by a value
     */
    public static StoreException malformed(Subject subject, String message) {
        return of(Kind.MALFORMED, subject, null, message);
    }

    /**
     * The {@code subject} is in {@code state} (a state name such as {@code REVOKED}), which does not allow the call.
     */
    public static StoreException conflict(Subject subject, String state) {
        return of(Kind.CONFLICT, subject, state, "the " + name(subject) + " is " + state.toLowerCase(Locale.ROOT));
    }

    /** Another record already holds the value of the unique key {@code field} (a field path such as {@code owner}). */
    public static StoreException duplicate(String field) {
        return new StoreException(Kind.CONFLICT, Subject.RECORD, "DUPLICATE", "another record already has this " + field,
                List.of(new FieldError(field, "unique", "another record already has this value")), -1, -1, null);
    }

    /** Maps a duplicate-key message of MongoDB (or the embedded engine) to the unique key it concerns. */
    public static StoreException duplicateFromIndexMessage(String message) {
        String m = message == null ? "" : message;
        if (m.contains("residentId_unique") || m.contains("rid")) {
            return duplicate("identity.residentIdNumber");
        }
        if (m.contains("owner")) {
            return duplicate("owner");
        }
        return duplicate("profile.studentNumber");
    }

    /** The record is at {@code currentVersion}, not at the version the caller changed. */
    public static StoreException stale(long expectedVersion, long currentVersion) {
        return stale(Subject.RECORD, expectedVersion, currentVersion);
    }

    /** As {@link #stale(long, long)} for what {@code subject} names (e.g. the retention policy's waiting change). */
    public static StoreException stale(Subject subject, long expectedVersion, long currentVersion) {
        return new StoreException(Kind.STALE, subject, null,
                "the " + name(subject) + " is at version " + currentVersion + ", not " + expectedVersion, List.of(),
                currentVersion, -1, null);
    }

    /** The input has more than {@code limit} items of what {@code subject} takes. */
    public static StoreException tooLarge(Subject subject, int limit) {
        return new StoreException(Kind.TOO_LARGE, subject, null, "at most " + limit + " allowed", List.of(), -1, limit,
                null);
    }

    /** The store cannot serve the call now. */
    public static StoreException unavailable(Subject subject, String message, Throwable cause) {
        return new StoreException(Kind.UNAVAILABLE, subject, null, message, List.of(), -1, -1, cause);
    }

    /**
     * Whether {@code failure} is the store saying no to the caller: refused, or nothing the caller may see. Callers
     * that only skip what they may not do (a claim left out of a token, a page not shown) test for this.
     */
    public static boolean refusedOrMissing(Throwable failure) {
        return failure instanceof StoreException e && (e.kind == Kind.REFUSED || e.kind == Kind.NOT_FOUND);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** What it concerns. */
    public Subject subject() {
        return subject;
    }

    /** Whether this is of {@code kind}. */
    public boolean is(Kind kind) {
        return this.kind == kind;
    }

    /**
     * A stable code: for {@link Kind#REFUSED} the refusal's reason (a {@code DenialReason} name or {@link #FOUR_EYES}),
     * for {@link Kind#CONFLICT} the state that stands in the way (e.g. {@code REVOKED}, {@code PENDING}) or
     * {@code DUPLICATE}; null otherwise.
     */
    public String code() {
        return code;
    }

    /** For {@link Kind#INVALID} and duplicates: what is wrong, field by field; never the values. Empty otherwise. */
    public List<FieldError> errors() {
        return errors;
    }

    /** For {@link Kind#STALE}: the record's version now; -1 otherwise. */
    public long currentVersion() {
        return currentVersion;
    }

    /** For {@link Kind#TOO_LARGE}: the most the store takes; -1 otherwise. */
    public int limit() {
        return limit;
    }

    private static String name(Subject subject) {
        return subject.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
