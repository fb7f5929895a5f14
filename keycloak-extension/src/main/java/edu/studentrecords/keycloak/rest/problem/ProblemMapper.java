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
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Maps what the store throws to a {@link Problem}. Store messages are not passed through where they could carry a
 * value; details are written here from codes and field paths.
 */
public final class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private ProblemMapper() {
    }

    /** The problem for a failure of a request. */
    public static Problem from(Exception failure) {
        if (failure instanceof BadRequest bad) {
            return Problem.of(bad.type(), bad.getMessage());
        }
        if (failure instanceof RecordNotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, "No record the caller may see has this id or key.");
        }
        if (failure instanceof AccessDeniedException denied) {
            ProblemType type = ProblemType.FORBIDDEN;
            return new Problem(type.uri(), type.title(), type.status(), denied.decision().reason().description(),
                    denied.decision().reason().name(), null);
        }
        if (failure instanceof SearchRefusedException refused) {
            ProblemType type = ProblemType.FORBIDDEN;
            return new Problem(type.uri(), type.title(), type.status(), refused.reason().description(),
                    refused.reason().name(), null);
        }
        if (failure instanceof SearchIndexException) {
            LOG.error("The search index failed to answer a search");
            return Problem.of(ProblemType.UNAVAILABLE, "Search is unavailable; try again later.");
        }
        if (failure instanceof InvalidRecordException invalid) {
            ProblemType type = ProblemType.VALIDATION;
            List<Problem.Error> errors = invalid.errors().stream().sorted(FieldError.ORDER)
                    .map(e -> new Problem.Error(e.field(), e.message(), e.rule())).toList();
            return new Problem(type.uri(), type.title(), type.status(),
                    errors.size() + " field(s) break a rule; nothing was written.", null, errors);
        }
        if (failure instanceof InvalidPatchException) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The body is not a JSON merge patch of a record.");
        }
        if (failure instanceof StaleVersionException stale) {
            return Problem.of(ProblemType.VERSION_MISMATCH,
                    "The record is now at version " + stale.currentVersion() + "; read it again and retry.");
        }
        if (failure instanceof DuplicateRecordException duplicate) {
            ProblemType type = ProblemType.CONFLICT;
            return new Problem(type.uri(), type.title(), type.status(),
                    "Another record already has this " + duplicate.field() + ".", null,
                    List.of(new Problem.Error(duplicate.field(), "Another record already has this value.", "unique")));
        }
        if (failure instanceof GrantNotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, "No grant has this id.");
        }
        if (failure instanceof GrantStateException state) {
            return Problem.of(ProblemType.CONFLICT, "The grant is " + state.state().name().toLowerCase(Locale.ROOT)
                    + "; this change is not possible now.");
        }
        if (failure instanceof FourEyesException) {
            ProblemType type = ProblemType.FOUR_EYES;
            return new Problem(type.uri(), type.title(), type.status(),
                    "The administrator who asked may not approve; another administrator must.", "FOUR_EYES", null);
        }
        if (failure instanceof InvalidGrantException invalid) {
            ProblemType type = ProblemType.VALIDATION;
            List<Problem.Error> errors = invalid.errors().stream().sorted(FieldError.ORDER)
                    .map(e -> new Problem.Error(e.field(), e.message(), e.rule())).toList();
            return new Problem(type.uri(), "Invalid grant request", type.status(),
                    errors.size() + " field(s) break a rule; nothing was stored.", null, errors);
        }
        if (failure instanceof PurgeRequestNotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, "No purge request the caller may see has this id.");
        }
        if (failure instanceof PurgeRequestStateException state) {
            return Problem.of(ProblemType.CONFLICT, "The record's purge request is "
                    + state.status().name().toLowerCase(Locale.ROOT) + "; this step is not possible now.");
        }
        if (failure instanceof UnreadableFileException unreadable) {
            // The store writes these from column names and row numbers only.
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The file cannot be read: " + unreadable.getMessage() + ".");
        }
        if (failure instanceof TooManyRowsException tooMany) {
            return Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                    "An import file may have at most " + tooMany.limit() + " rows; split it.");
        }
        if (failure instanceof CorrectionNotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, "No correction request the caller may see has this id.");
        }
        if (failure instanceof CorrectionDecidedException) {
            return Problem.of(ProblemType.CONFLICT, "The correction request was already decided.");
        }
        if (failure instanceof ReportNotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, "No misuse report has this id.");
        }
        if (failure instanceof ReportResolvedException) {
            return Problem.of(ProblemType.CONFLICT, "The misuse report was already resolved.");
        }
        if (failure instanceof LegalHoldNotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, "No legal hold has this id.");
        }
        if (failure instanceof LegalHoldLiftedException) {
            return Problem.of(ProblemType.CONFLICT, "The legal hold was lifted already.");
        }
        if (failure instanceof ArchiveNotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, "The record has no archive.");
        }
        if (failure instanceof JsonProcessingException json) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, jsonDetail(json));
        }
        if (failure instanceof AuditUnavailableException) {
            LOG.error("The audit trail could not record an access decision; the request was refused");
            return Problem.of(ProblemType.UNAVAILABLE, "The request could not be recorded; try again later.");
        }
        // Only the type: messages of driver and parser exceptions can quote stored or submitted values.
        LOG.errorf("Unexpected %s while serving a student records request", failure.getClass().getName());
        LOG.debug("Unexpected failure", failure);
        return Problem.of(ProblemType.INTERNAL, "The request failed; it has been logged.");
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
