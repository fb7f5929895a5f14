package edu.studentrecords.keycloak.rest.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import edu.studentrecords.search.SearchIndexException;
import edu.studentrecords.search.SearchRefusedException;
import edu.studentrecords.store.AccessDeniedException;
import edu.studentrecords.store.CorrectionDecidedException;
import edu.studentrecords.store.CorrectionNotFoundException;
import edu.studentrecords.store.DuplicateRecordException;
import edu.studentrecords.store.FourEyesException;
import edu.studentrecords.store.InvalidPatchException;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.PurgeRequestNotFoundException;
import edu.studentrecords.store.PurgeRequestStateException;
import edu.studentrecords.store.RecordNotFoundException;
import edu.studentrecords.store.StaleVersionException;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.audit.AuditUnavailableException;
import edu.studentrecords.store.enrolment.TooManyRowsException;
import edu.studentrecords.store.enrolment.UnreadableFileException;
import edu.studentrecords.store.grants.GrantNotFoundException;
import edu.studentrecords.store.grants.GrantStateException;
import edu.studentrecords.store.grants.InvalidGrantException;
import edu.studentrecords.store.reports.ReportNotFoundException;
import edu.studentrecords.store.reports.ReportResolvedException;
import edu.studentrecords.store.retention.ArchiveNotFoundException;
import edu.studentrecords.store.retention.LegalHoldLiftedException;
import edu.studentrecords.store.retention.LegalHoldNotFoundException;
import edu.studentrecords.store.validation.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Maps what an endpoint throws to the {@link Problem} the API answers, in two steps:
 * <ol>
 * <li>{@link #failureOf} says what went wrong as a {@link Failure}: its {@link Kind} and a detail written here from
 * codes, numbers and field paths (store messages are not passed through where they could carry a value);</li>
 * <li>{@link #from} picks the problem type of each kind in one {@code switch}.</li>
 * </ol>
 * Today the store tells its failures apart by exception class, so {@link #failureOf} looks the class up in
 * a table, one line per class. Once the store throws one exception with a kind, {@code failureOf} reads that
 * kind (the constants of {@link Kind} are named after it) and the table goes; nothing else here changes.
 */
public final class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** What kind of failure a request met; each is answered with one problem type. */
    enum Kind {
        /** Nothing the caller may see has this id (a record, grant, request, report, hold or archive). */
        NOT_FOUND,
        /** The access decision said no. */
        REFUSED,
        /** The second administrator of a four-eyes step is the first one. */
        FOUR_EYES,
        /** Submitted values break rules; the failure lists the fields. */
        INVALID,
        /** The body or file cannot be read at all. */
        MALFORMED,
        /** The thing is in a state or holds a value that forbids the change. */
        CONFLICT,
        /** The caller changed an older version than the current one. */
        STALE,
        /** The upload has more than the API takes. */
        TOO_LARGE,
        /** A part the request needs (search index, audit trail) cannot answer now. */
        UNAVAILABLE,
        /** Anything else: a defect, logged by type only. */
        UNEXPECTED
    }

    /**
     * What went wrong, as the API tells it.
     *
     * @param kind   the kind, which decides the problem type
     * @param title  a title other than the type's own, or null
     * @param detail what went wrong in this request; no submitted or stored value
     * @param reason the stable code of a refusal, or null
     * @param errors the fields of an {@link Kind#INVALID} failure, or null
     */
    record Failure(Kind kind, String title, String detail, String reason, List<Problem.Error> errors) {

        Failure(Kind kind, String detail) {
            this(kind, null, detail, null, null);
        }
    }

    /** The store's and the index's failures by exception class, and how each reads as a {@link Failure}. */
    private static final Map<Class<?>, Function<Exception, Failure>> KNOWN = known();

    private ProblemMapper() {
    }

    /** The problem for a failure of a request. */
    public static Problem from(Exception failure) {
        if (failure instanceof BadRequest bad) {
            // Refused by the API itself before the store saw the request, with a type of its own.
            return Problem.of(bad.type(), bad.getMessage());
        }
        Failure what = failureOf(failure);
        ProblemType type = switch (what.kind()) {
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case REFUSED -> ProblemType.FORBIDDEN;
            case FOUR_EYES -> ProblemType.FOUR_EYES;
            case INVALID -> ProblemType.VALIDATION;
            case MALFORMED -> ProblemType.MALFORMED_REQUEST;
            case CONFLICT -> ProblemType.CONFLICT;
            case STALE -> ProblemType.VERSION_MISMATCH;
            case TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
            case UNAVAILABLE -> ProblemType.UNAVAILABLE;
            case UNEXPECTED -> ProblemType.INTERNAL;
        };
        return new Problem(type.uri(), what.title() == null ? type.title() : what.title(), type.status(),
                what.detail(), what.reason(), what.errors());
    }

    /** What went wrong: the entry of the failure's class, or of its nearest superclass that has one. */
    static Failure failureOf(Exception failure) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            Function<Exception, Failure> known = KNOWN.get(type);
            if (known != null) {
                return known.apply(failure);
            }
        }
        // Only the type: messages of driver and parser exceptions can quote stored or submitted values.
        LOG.errorf("Unexpected %s while serving a student records request", failure.getClass().getName());
        LOG.debug("Unexpected failure", failure);
        return new Failure(Kind.UNEXPECTED, "The request failed; it has been logged.");
    }

    private static Map<Class<?>, Function<Exception, Failure>> known() {
        Map<Class<?>, Function<Exception, Failure>> known = new HashMap<>();
        add(known, RecordNotFoundException.class, e -> notFound("No record the caller may see has this id or key."));
        add(known, GrantNotFoundException.class, e -> notFound("No grant has this id."));
        add(known, PurgeRequestNotFoundException.class, e -> notFound("No purge request the caller may see has this id."));
        add(known, CorrectionNotFoundException.class,
                e -> notFound("No correction request the caller may see has this id."));
        add(known, ReportNotFoundException.class, e -> notFound("No misuse report has this id."));
        add(known, LegalHoldNotFoundException.class, e -> notFound("No legal hold has this id."));
        add(known, ArchiveNotFoundException.class, e -> notFound("The record has no archive."));
        add(known, AccessDeniedException.class, e -> refused(e.decision().reason()));
        add(known, SearchRefusedException.class, e -> refused(e.reason()));
        add(known, FourEyesException.class, e -> new Failure(Kind.FOUR_EYES, null,
                "The administrator who asked may not approve; another administrator must.", "FOUR_EYES", null));
        add(known, InvalidRecordException.class, e -> invalid(null, e.errors(), "written"));
        add(known, InvalidGrantException.class, e -> invalid("Invalid grant request", e.errors(), "stored"));
        add(known, InvalidPatchException.class,
                e -> new Failure(Kind.MALFORMED, "The body is not a JSON merge patch of a record."));
        // The store writes these messages from column names and row numbers only.
        add(known, UnreadableFileException.class,
                e -> new Failure(Kind.MALFORMED, "The file cannot be read: " + e.getMessage() + "."));
        add(known, JsonProcessingException.class, e -> new Failure(Kind.MALFORMED, jsonDetail(e)));
        add(known, DuplicateRecordException.class, e -> new Failure(Kind.CONFLICT, null,
                "Another record already has this " + e.field() + ".", null,
                List.of(new Problem.Error(e.field(), "Another record already has this value.", "unique"))));
        add(known, GrantStateException.class, e -> new Failure(Kind.CONFLICT,
                "The grant is " + lowerCase(e.state()) + "; this change is not possible now."));
        add(known, PurgeRequestStateException.class, e -> new Failure(Kind.CONFLICT,
                "The record's purge request is " + lowerCase(e.status()) + "; this step is not possible now."));
        add(known, CorrectionDecidedException.class,
                e -> new Failure(Kind.CONFLICT, "The correction request was already decided."));
        add(known, ReportResolvedException.class,
                e -> new Failure(Kind.CONFLICT, "The misuse report was already resolved."));
        add(known, LegalHoldLiftedException.class, e -> new Failure(Kind.CONFLICT, "The legal hold was lifted already."));
        add(known, StaleVersionException.class, e -> new Failure(Kind.STALE,
                "The record is now at version " + e.currentVersion() + "; read it again and retry."));
        add(known, TooManyRowsException.class, e -> new Failure(Kind.TOO_LARGE,
                "An import file may have at most " + e.limit() + " rows; split it."));
        add(known, SearchIndexException.class, e -> {
            LOG.error("The search index failed to answer a search");
            return new Failure(Kind.UNAVAILABLE, "Search is unavailable; try again later.");
        });
        add(known, AuditUnavailableException.class, e -> {
            LOG.error("The audit trail could not record an access decision; the request was refused");
            return new Failure(Kind.UNAVAILABLE, "The request could not be recorded; try again later.");
        });
        return Map.copyOf(known);
    }

    private static <E extends Exception> void add(Map<Class<?>, Function<Exception, Failure>> known, Class<E> type,
            Function<E, Failure> failure) {
        known.put(type, e -> failure.apply(type.cast(e)));
    }

    private static Failure notFound(String detail) {
        return new Failure(Kind.NOT_FOUND, detail);
    }

    private static Failure refused(DenialReason reason) {
        return new Failure(Kind.REFUSED, null, reason.description(), reason.name(), null);
    }

    /** Every broken field, in a fixed order; nothing was {@code done} ("written", "stored"). */
    private static Failure invalid(String title, List<FieldError> fields, String done) {
        List<Problem.Error> errors = fields.stream().sorted(FieldError.ORDER)
                .map(e -> new Problem.Error(e.field(), e.message(), e.rule())).toList();
        return new Failure(Kind.INVALID, title, errors.size() + " field(s) break a rule; nothing was " + done + ".",
                null, errors);
    }

    private static String lowerCase(Enum<?> state) {
        return state.name().toLowerCase(Locale.ROOT);
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
