package edu.studentrecords.keycloak.rest.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import edu.studentrecords.search.SearchIndexCatchingUpException;
import edu.studentrecords.search.SearchIndexException;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Maps what an endpoint throws to the {@link Problem} the API answers: a {@link StoreException}'s kind picks the
 * problem type in one {@code switch}; the detail is written here from codes, numbers, states and field paths (store
 * messages are not passed through where they could carry a value). A JSON body that cannot be read, the search index
 * failing, the record store out of reach and anything unexpected are the only other cases.
 */
public final class ProblemMapper {

    /** A field name the API could have defined: repeated in a problem only when it looks like one. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** What {@code Retry-After} says of a store or index that cannot answer now. */
    public static final long UNAVAILABLE_RETRY_SECONDS = 5;

    private ProblemMapper() {
    }

    /** The problem for a failure of a request, in English. */
    public static Problem from(Exception failure) {
        return from(failure, ProblemTexts.ENGLISH);
    }

    /** The problem for a failure of a request, its title, detail and field messages in the language of {@code texts}. */
    public static Problem from(Exception failure, ProblemTexts texts) {
        if (failure instanceof BadRequest bad) {
            // Refused by the API itself before the store saw the request, with a type of its own.
            return new Problem(bad.type().uri(), texts.title(bad.type()), bad.type().status(), bad.detail(texts), null,
                    null);
        }
        if (failure instanceof StoreException store) {
            return of(store, texts);
        }
        if (failure instanceof JsonProcessingException json) {
            return jsonProblem(json, texts);
        }
        if (failure instanceof SearchIndexCatchingUpException) {
            return Problem.of(ProblemType.SEARCH_CATCHING_UP, texts, "search-catching-up");
        }
        if (failure instanceof SearchIndexException) {
            LOG.error("The search index failed to answer a search");
            return Problem.of(ProblemType.UNAVAILABLE, texts, "search-unavailable");
        }
        if (storeUnreachable(failure)) {
            LOG.warnf("The record store could not be reached (%s)", failure.getClass().getSimpleName());
            return storeUnavailable(texts);
        }
        return unexpected(failure, texts);
    }

    /**
     * Whether {@code failure} is the MongoDB driver saying that the record store cannot be reached: no server to send
     * the request to within the client's server selection timeout, or a connection that failed.
     */
    public static boolean storeUnreachable(Throwable failure) {
        return failure instanceof MongoTimeoutException || failure instanceof MongoSocketException;
    }

    /** The problem of a call the record store cannot take now (503, {@code unavailable}). */
    public static Problem storeUnavailable(ProblemTexts texts) {
        return Problem.of(ProblemType.UNAVAILABLE, texts, "unavailable.store");
    }

    /**
     * How long the caller should wait before trying again ({@code Retry-After}, in seconds), for a failure that
     * passes: search catching up, the store or its audit trail unreachable.
     */
    public static OptionalLong retryAfterSeconds(Exception failure) {
        if (failure instanceof SearchIndexCatchingUpException catchingUp) {
            return OptionalLong.of(Math.max(1, catchingUp.retryAfter().toSeconds()));
        }
        if (failure instanceof SearchIndexException || storeUnreachable(failure)
                || failure instanceof StoreException e && e.is(StoreException.Kind.UNAVAILABLE)) {
            return OptionalLong.of(UNAVAILABLE_RETRY_SECONDS);
        }
        return OptionalLong.empty();
    }

    private static Problem unexpected(Exception failure, ProblemTexts texts) {
        // Only the type: messages of driver and parser exceptions can quote stored or submitted values.
        LOG.errorf("Unexpected %s while serving a student records request", failure.getClass().getName());
        LOG.debug("Unexpected failure", failure);
        return Problem.of(ProblemType.INTERNAL, texts, "internal");
    }

    private static Problem of(StoreException e, ProblemTexts texts) {
        StoreException.Subject subject = e.subject();
        return switch (e.kind()) {
            case NOT_FOUND -> Problem.of(ProblemType.NOT_FOUND, texts,
                    texts.has("not-found." + subject) ? "not-found." + subject : "not-found");
            case REFUSED -> refused(e, texts);
            case INVALID -> invalid(e, texts);
            case MALFORMED -> subject == StoreException.Subject.BACKUP ? unexpected(e, texts)
                    // The store writes a file's messages from column names, row numbers and field paths only.
                    : subject == StoreException.Subject.ENROLMENT_FILE
                    ? Problem.of(ProblemType.MALFORMED_REQUEST, texts, "malformed.file", e.getMessage())
                    : Problem.of(ProblemType.MALFORMED_REQUEST, texts, "malformed.patch");
            case CONFLICT -> conflict(e, texts);
            case STALE -> subject == StoreException.Subject.RETENTION_POLICY
                    ? Problem.of(ProblemType.VERSION_MISMATCH, texts, "stale.RETENTION_POLICY")
                    : Problem.of(ProblemType.VERSION_MISMATCH, texts, "stale", e.currentVersion());
            case TOO_LARGE -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, texts, "too-large.import", e.limit());
            case UNAVAILABLE -> unavailable(e, texts);
        };
    }

    private static Problem refused(StoreException e, ProblemTexts texts) {
        if (StoreException.FOUR_EYES.equals(e.code())) {
            ProblemType type = ProblemType.FOUR_EYES;
            return new Problem(type.uri(), texts.title(type), type.status(), texts.text("four-eyes"), e.code(), null);
        }
        DenialReason reason = DenialReason.valueOf(e.code());
        ProblemType type = switch (reason) {
            case IMPERSONATED -> ProblemType.IMPERSONATED;
            case PROXY_ENDED -> ProblemType.PROXY_ENDED;
            case GUARDIAN_CONSENT_REQUIRED -> ProblemType.GUARDIAN_CONSENT_REQUIRED;
            case STUDENT_CONSENTS_THEMSELVES -> ProblemType.STUDENT_CONSENTS_THEMSELVES;
            default -> ProblemType.FORBIDDEN;
        };
        return new Problem(type.uri(), texts.title(type), type.status(),
                texts.textOr("reason." + reason.name(), reason.description()), reason.name(), null);
    }

    /** Every broken field, in a fixed order; nothing was written. */
    private static Problem invalid(StoreException e, ProblemTexts texts) {
        List<Problem.Error> errors = e.errors().stream().sorted(FieldError.ORDER)
                .map(error -> new Problem.Error(error.field(), texts.message(error), error.rule())).toList();
        ProblemType type = ProblemType.VALIDATION;
        String title = texts.textOr("title.validation." + e.subject(), texts.title(type));
        boolean written = e.subject() == StoreException.Subject.RECORD || e.subject() == StoreException.Subject.SETTINGS;
        return new Problem(type.uri(), title, type.status(),
                texts.text(written ? "invalid.written" : "invalid.stored", errors.size()), null, errors);
    }

    private static Problem conflict(StoreException e, ProblemTexts texts) {
        ProblemType type = ProblemType.CONFLICT;
        if ("DUPLICATE".equals(e.code())) {
            String field = e.errors().get(0).field();
            return new Problem(type.uri(), texts.title(type), type.status(), texts.text("duplicate", field), null,
                    List.of(new Problem.Error(field, texts.text("duplicate.error"), "unique")));
        }
        String code = String.valueOf(e.code());
        String state = texts.textOr("state." + code, code.toLowerCase(Locale.ROOT).replace('_', ' '));
        String subject = "conflict." + e.subject();
        String detail = texts.textOr(subject + "." + code, texts.textOr(subject, texts.text("conflict"), state), state);
        // A destruction a legal hold stops names the reason it is audited under, for apps to tell it from the rest.
        String reason = e.subject() == StoreException.Subject.LEGAL_HOLD && StoreException.HELD.equals(code)
                ? AuditReason.LEGAL_HOLD_ACTIVE.name() : null;
        return new Problem(type.uri(), texts.title(type), type.status(), detail, reason, null);
    }

    private static Problem unavailable(StoreException e, ProblemTexts texts) {
        if (e.subject() == StoreException.Subject.AUDIT_TRAIL) {
            LOG.error("The audit trail could not record an access decision; the request was refused");
            return Problem.of(ProblemType.UNAVAILABLE, texts, "unavailable.audit");
        }
        return Problem.of(ProblemType.UNAVAILABLE, texts, "unavailable");
    }

    /**
     * Which field could not be read, by path only: Jackson's own message quotes the rejected value. A name the caller
     * made up (an unknown field, a key that is not a plain name) is never repeated: it may be anything, personal data
     * included.
     */
    private static Problem jsonProblem(JsonProcessingException json, ProblemTexts texts) {
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            List<JsonMappingException.Reference> refs = mapping.getPath();
            boolean unknown = json instanceof UnrecognizedPropertyException;
            List<JsonMappingException.Reference> known = unknown ? refs.subList(0, refs.size() - 1) : refs;
            boolean plain = known.stream().allMatch(ref -> ref.getFieldName() == null
                    || PLAIN_NAME.matcher(ref.getFieldName()).matches());
            if (!plain) {
                return Problem.of(ProblemType.MALFORMED_REQUEST, texts, unknown ? "json.unknown" : "json");
            }
            String path = known.stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (unknown) {
                return path.isEmpty() ? Problem.of(ProblemType.MALFORMED_REQUEST, texts, "json.unknown")
                        : Problem.of(ProblemType.MALFORMED_REQUEST, texts, "json.unknown.in", path);
            }
            return Problem.of(ProblemType.MALFORMED_REQUEST, texts, "json.at", path);
        }
        return Problem.of(ProblemType.MALFORMED_REQUEST, texts, "json");
    }
}
