package edu.studentrecords.keycloak.rest.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import edu.studentrecords.search.SearchIndexCatchingUpException;
import edu.studentrecords.search.SearchIndexException;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Maps what an endpoint throws to the {@link Problem} the API answers: a {@link StoreException}'s kind picks the
 * problem type in one {@code switch}; the detail is written here from codes, numbers, states and field paths (store
 * messages are not passed through where they could carry a value). A JSON body that cannot be read, the search index
 * failing and anything unexpected are the only other cases.
 */
public final class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** What {@code Retry-After} says of a store or index that cannot answer now. */
    private static final long UNAVAILABLE_RETRY_SECONDS = 5;

    private ProblemMapper() {
    }

    /** The problem for a failure of a request. */
    public static Problem from(Exception failure) {
        if (failure instanceof BadRequest bad) {
            // Refused by the API itself before the store saw the request, with a type of its own.
            return Problem.of(bad.type(), bad.getMessage());
        }
        if (failure instanceof StoreException store) {
            return of(store);
        }
        if (failure instanceof JsonProcessingException json) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, jsonDetail(json));
        }
        if (failure instanceof SearchIndexCatchingUpException) {
            return Problem.of(ProblemType.SEARCH_CATCHING_UP,
                    "Search is catching up with the records since this server started; try again shortly.");
        }
        if (failure instanceof SearchIndexException) {
            LOG.error("The search index failed to answer a search");
            return Problem.of(ProblemType.UNAVAILABLE, "Search is unavailable; try again later.");
        }
        return unexpected(failure);
    }

    /**
     * How long the caller should wait before trying again ({@code Retry-After}, in seconds), for a failure that
     * passes: search catching up, the store or its audit trail unreachable.
     */
    public static OptionalLong retryAfterSeconds(Exception failure) {
        if (failure instanceof SearchIndexCatchingUpException catchingUp) {
            return OptionalLong.of(Math.max(1, catchingUp.retryAfter().toSeconds()));
        }
        if (failure instanceof SearchIndexException
                || failure instanceof StoreException e && e.is(StoreException.Kind.UNAVAILABLE)) {
            return OptionalLong.of(UNAVAILABLE_RETRY_SECONDS);
        }
        return OptionalLong.empty();
    }

    private static Problem unexpected(Exception failure) {
        // Only the type: messages of driver and parser exceptions can quote stored or submitted values.
        LOG.errorf("Unexpected %s while serving a student records request", failure.getClass().getName());
        LOG.debug("Unexpected failure", failure);
        return Problem.of(ProblemType.INTERNAL, "The request failed; it has been logged.");
    }

    private static Problem of(StoreException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> Problem.of(ProblemType.NOT_FOUND, notFound(e.subject()));
            case REFUSED -> refused(e);
            case INVALID -> invalid(e);
            case MALFORMED -> e.subject() == StoreException.Subject.BACKUP ? unexpected(e)
                    : Problem.of(ProblemType.MALFORMED_REQUEST, malformed(e));
            case CONFLICT -> conflict(e);
            case STALE -> Problem.of(ProblemType.VERSION_MISMATCH, e.subject() == StoreException.Subject.RETENTION_POLICY
                    ? "The change waiting now is not the one you read; read it again."
                    : "The record is now at version " + e.currentVersion() + "; read it again and retry.");
            case TOO_LARGE -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                    "An import file may have at most " + e.limit() + " rows; split it.");
            case UNAVAILABLE -> unavailable(e);
        };
    }

    private static String notFound(StoreException.Subject subject) {
        return switch (subject) {
            case RECORD -> "No record the caller may see has this id or key.";
            case GRANT -> "No grant has this id.";
            case PURGE_REQUEST -> "No purge request the caller may see has this id.";
            case CORRECTION -> "No correction request the caller may see has this id.";
            case REPORT -> "No misuse report has this id.";
            case LEGAL_HOLD -> "No legal hold has this id.";
            case ARCHIVE -> "The record has no archive.";
            case BACKUP -> "No backup of this realm has this id.";
            case APPLICATION -> "No client of the realm has this id, or no change of it waits with this id.";
            default -> "Nothing the caller may see has this id.";
        };
    }

    private static Problem refused(StoreException e) {
        if (StoreException.FOUR_EYES.equals(e.code())) {
            ProblemType type = ProblemType.FOUR_EYES;
            return new Problem(type.uri(), type.title(), type.status(),
                    "The administrator who asked may not approve; another administrator must.", e.code(), null);
        }
        DenialReason reason = DenialReason.valueOf(e.code());
        ProblemType type = switch (reason) {
            case IMPERSONATED -> ProblemType.IMPERSONATED;
            case PROXY_ENDED -> ProblemType.PROXY_ENDED;
            case GUARDIAN_CONSENT_REQUIRED -> ProblemType.GUARDIAN_CONSENT_REQUIRED;
            case STUDENT_CONSENTS_THEMSELVES -> ProblemType.STUDENT_CONSENTS_THEMSELVES;
            default -> ProblemType.FORBIDDEN;
        };
        return new Problem(type.uri(), type.title(), type.status(), reason.description(), reason.name(), null);
    }

    /** Every broken field, in a fixed order; nothing was written. */
    private static Problem invalid(StoreException e) {
        List<Problem.Error> errors = e.errors().stream().sorted(FieldError.ORDER)
                .map(error -> new Problem.Error(error.field(), error.message(), error.rule())).toList();
        ProblemType type = ProblemType.VALIDATION;
        String title = switch (e.subject()) {
            case GRANT -> "Invalid grant request";
            case SETTINGS -> "Invalid settings";
            case RETENTION_POLICY -> "Invalid retention policy";
            case GUARDIAN_LINK -> "Invalid guardian link";
            case APPLICATION -> "Invalid application settings";
            default -> type.title();
        };
        boolean written = e.subject() == StoreException.Subject.RECORD || e.subject() == StoreException.Subject.SETTINGS;
        String done = written ? "written" : "stored";
        return new Problem(type.uri(), title, type.status(),
                errors.size() + " field(s) break a rule; nothing was " + done + ".", null, errors);
    }

    private static String malformed(StoreException e) {
        // The store writes these messages from column names, row numbers and field paths only.
        return e.subject() == StoreException.Subject.ENROLMENT_FILE ? "The file cannot be read: " + e.getMessage() + "."
                : "The body is not a JSON merge patch of a record.";
    }

    private static Problem conflict(StoreException e) {
        if ("DUPLICATE".equals(e.code())) {
            String field = e.errors().get(0).field();
            ProblemType type = ProblemType.CONFLICT;
            return new Problem(type.uri(), type.title(), type.status(), "Another record already has this " + field + ".",
                    null, List.of(new Problem.Error(field, "Another record already has this value.", "unique")));
        }
        String state = e.code().toLowerCase(Locale.ROOT).replace('_', ' ');
        String detail = switch (e.subject()) {
            case GRANT -> "The grant is " + state + "; this change is not possible now.";
            case PURGE_REQUEST -> "The record's purge request is " + state + "; this step is not possible now.";
            case CORRECTION -> "The correction request was already decided.";
            case REPORT -> "The misuse report was already resolved.";
            case LEGAL_HOLD -> "HELD".equals(e.code()) ? "The record is under a legal hold; it is not destroyed until the "
                    + "hold is lifted." : "The legal hold was lifted already.";
            case RETENTION_POLICY -> switch (String.valueOf(e.code())) {
                case "NONE_PENDING" -> "No change of the retention policy waits for approval.";
                case "PENDING" -> "A change of the retention policy waits for a second administrator; "
                        + "approve or cancel it first.";
                default -> "The change was decided already.";
            };
            case APPLICATION -> "The application was changed since this change was asked for; the change was dropped. "
                    + "Ask for it again if it is still wanted.";
            case BACKUP -> "NOT_EMPTY".equals(e.code())
                    ? "The realm's record store is not empty; a backup is restored only into an empty store."
                    : "Only a finished backup can be restored.";
            case AUDIT_TRAIL -> switch (String.valueOf(e.code())) {
                case "TOO_YOUNG" -> "The open epoch holds too few entries, all too recent, to be sealed by hand; it is "
                        + "sealed by hand once it holds audit-seal-min-entries entries or its first entry is "
                        + "audit-seal-interval-seconds old, and by the server at the end of its day.";
                case "DROPPED" -> "The epoch's entries were dropped after their retention; its export is in the "
                        + "server's audit export folder.";
                case "NOT_INTACT" -> "The audit entries to seal are not intact; nothing was sealed. Run a verify.";
                default -> "This is not possible in the current state.";
            };
            default -> "This is not possible in the current state.";
        };
        return Problem.of(ProblemType.CONFLICT, detail);
    }

    private static Problem unavailable(StoreException e) {
        if (e.subject() == StoreException.Subject.AUDIT_TRAIL) {
            LOG.error("The audit trail could not record an access decision; the request was refused");
            return Problem.of(ProblemType.UNAVAILABLE, "The request could not be recorded; try again later.");
        }
        return Problem.of(ProblemType.UNAVAILABLE, "This is not available on this server now.");
    }

    /** Which field could not be read, by path only: Jackson's own message quotes the rejected value. */
    private static String jsonDetail(JsonProcessingException json) {
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "The body cannot be read at '" + path + "': unknown field or wrong type.";
        }
        return "The body is not valid JSON.";
    }
}
