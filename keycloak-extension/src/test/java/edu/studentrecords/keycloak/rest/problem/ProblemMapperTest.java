package edu.studentrecords.keycloak.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.studentrecords.keycloak.rest.representation.EnrolmentRepresentation;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
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
import edu.studentrecords.store.PurgeStatus;
import edu.studentrecords.store.RecordNotFoundException;
import edu.studentrecords.store.StaleVersionException;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.audit.AuditUnavailableException;
import edu.studentrecords.store.backup.CorruptBackupException;
import edu.studentrecords.store.enrolment.TooManyRowsException;
import edu.studentrecords.store.enrolment.UnreadableFileException;
import edu.studentrecords.store.grants.GrantNotFoundException;
import edu.studentrecords.store.grants.GrantState;
import edu.studentrecords.store.grants.GrantStateException;
import edu.studentrecords.store.grants.InvalidGrantException;
import edu.studentrecords.store.retention.ArchiveNotFoundException;
import edu.studentrecords.store.retention.LegalHoldLiftedException;
import edu.studentrecords.store.retention.LegalHoldNotFoundException;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    private static final String BASE = "https://student-records.example/problems/";

    @Test
    void storeExceptionsMapToTheirStatusAndStableType() {
        assertProblem(new RecordNotFoundException(), 404, "not-found");
        assertProblem(new AccessDeniedException(new AccessDecision.Denied(DenialReason.PURPOSE_MISSING,
                AccessDecision.Visibility.FORBIDDEN)), 403, "forbidden");
        assertProblem(new InvalidRecordException(List.of(new FieldError("profile.name", "required", "must not be blank"))),
                422, "validation");
        assertProblem(new InvalidPatchException("not an object"), 400, "malformed-request");
        assertProblem(new StaleVersionException(3, 4), 412, "version-mismatch");
        assertProblem(new DuplicateRecordException("profile.studentNumber"), 409, "conflict");
        assertProblem(new IllegalStateException("boom at 13800138000"), 500, "internal");
    }

    @Test
    void purgeRequestStepsMapToFourEyesNotFoundAndConflict() {
        assertProblem(new FourEyesException(), 403, "four-eyes");
        assertThat(ProblemMapper.from(new FourEyesException()).reason()).isEqualTo("FOUR_EYES");
        assertProblem(new PurgeRequestNotFoundException(), 404, "not-found");
        assertProblem(new PurgeRequestStateException(PurgeStatus.APPROVED), 409, "conflict");
    }

    @Test
    void misuseReportStepsMapToNotFoundAndConflict() {
        assertProblem(new edu.studentrecords.store.reports.ReportNotFoundException(), 404, "not-found");
        assertProblem(new edu.studentrecords.store.reports.ReportResolvedException(), 409, "conflict");
    }

    @Test
    void grantsCorrectionsImportsAndRetentionMapToTheirProblemsWithDetailsWrittenByTheApi() {
        assertDetail(new GrantNotFoundException(), 404, "not-found", "No grant has this id.");
        assertDetail(new GrantStateException(GrantState.REVOKED), 409, "conflict",
                "The grant is revoked; this change is not possible now.");
        assertDetail(new CorrectionNotFoundException(), 404, "not-found",
                "No correction request the caller may see has this id.");
        assertDetail(new CorrectionDecidedException(), 409, "conflict", "The correction request was already decided.");
        assertDetail(new UnreadableFileException("row 3 has 4 columns"), 400, "malformed-request",
                "The file cannot be read: row 3 has 4 columns.");
        assertDetail(new TooManyRowsException(10000), 413, "too-large",
                "An import file may have at most 10000 rows; split it.");
        assertDetail(new LegalHoldNotFoundException(), 404, "not-found", "No legal hold has this id.");
        assertDetail(new LegalHoldLiftedException(), 409, "conflict", "The legal hold was lifted already.");
        assertDetail(new ArchiveNotFoundException(), 404, "not-found", "The record has no archive.");
        assertDetail(new AuditUnavailableException("down", null), 503, "unavailable",
                "The request could not be recorded; try again later.");
        assertDetail(new CorruptBackupException("bad file"), 500, "internal", "The request failed; it has been logged.");
    }

    @Test
    void anInvalidGrantHasATitleOfItsOwnAndARefusalOfTheApiKeepsItsType() {
        Problem grant = ProblemMapper.from(new InvalidGrantException(List.of(
                new FieldError("purpose", "required", "is required"))));
        assertThat(grant.title()).isEqualTo("Invalid grant request");
        assertThat(grant.detail()).isEqualTo("1 field(s) break a rule; nothing was stored.");
        assertThat(grant.errors()).containsExactly(new Problem.Error("purpose", "is required", "required"));

        Problem refused = ProblemMapper.from(new BadRequest(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send it as JSON."));
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.detail()).isEqualTo("Send it as JSON.");
    }

    @Test
    void aRefusalCarriesItsReasonCode() {
        Problem problem = ProblemMapper.from(new AccessDeniedException(new AccessDecision.Denied(
                DenialReason.SCOPE_MISSING, AccessDecision.Visibility.FORBIDDEN)));

        assertThat(problem.reason()).isEqualTo("SCOPE_MISSING");
        assertThat(problem.detail()).isEqualTo(DenialReason.SCOPE_MISSING.description());
    }

    @Test
    void aRefusedSearchIs403WithItsReasonAndAFailedIndex503() {
        Problem refused = ProblemMapper.from(new SearchRefusedException(DenialReason.SCOPE_MISSING));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.type()).isEqualTo(BASE + "forbidden");
        assertThat(refused.reason()).isEqualTo("SCOPE_MISSING");
        assertProblem(new SearchIndexException("Search failed", new java.io.IOException("disk")), 503, "unavailable");
    }

    @Test
    void validationListsFieldMessageAndRuleInAFixedOrder() {
        Problem problem = ProblemMapper.from(new InvalidRecordException(List.of(
                new FieldError("profile.name", "required", "must not be blank"),
                new FieldError("contact.mobilePhone", "phone.format", "is not a phone number"))));

        assertThat(problem.errors()).containsExactly(
                new Problem.Error("contact.mobilePhone", "is not a phone number", "phone.format"),
                new Problem.Error("profile.name", "must not be blank", "required"));
        assertThat(JsonBodies.write(problem)).contains("\"errors\":[{\"field\":\"contact.mobilePhone\"");
    }

    @Test
    void anUnreadableBodyIsNamedByPathNeverByValue() {
        assertThatThrownBy(() -> JsonBodies.read("{\"profile\":{\"gender\":\"13800138000\"}}", EnrolmentRepresentation.class))
                .isInstanceOfSatisfying(JsonProcessingException.class, e -> {
                    Problem problem = ProblemMapper.from(e);
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.detail()).contains("profile.gender").doesNotContain("13800138000");
                });
    }

    @Test
    void anUnexpectedFailureShowsNothingOfItsMessage() {
        Problem problem = ProblemMapper.from(new IllegalStateException("resident id 110101200403150423 leaked"));

        assertThat(JsonBodies.write(problem)).doesNotContain("110101200403150423").doesNotContain("IllegalStateException");
    }

    @Test
    void problemsWithoutErrorsOmitTheMember() {
        assertThat(JsonBodies.write(ProblemMapper.from(new RecordNotFoundException())))
                .isEqualTo("{\"type\":\"" + BASE + "not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"No record the caller may see has this id or key.\"}");
    }

    private static void assertDetail(Exception failure, int status, String slug, String detail) {
        assertProblem(failure, status, slug);
        assertThat(ProblemMapper.from(failure).detail()).isEqualTo(detail);
    }

    private static void assertProblem(Exception failure, int status, String slug) {
        Problem problem = ProblemMapper.from(failure);
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.type()).isEqualTo(BASE + slug);
        assertThat(problem.title()).isNotBlank();
    }
}
