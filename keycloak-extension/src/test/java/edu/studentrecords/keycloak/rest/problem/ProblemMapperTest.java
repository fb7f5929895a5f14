package edu.studentrecords.keycloak.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.studentrecords.keycloak.rest.representation.EnrolmentRepresentation;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.search.SearchIndexCatchingUpException;
import edu.studentrecords.search.SearchIndexException;
import edu.studentrecords.store.PurgeStatus;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.grants.GrantState;
import edu.studentrecords.store.validation.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    private static final String BASE = "https://student-records.example/problems/";

    @Test
    void storeExceptionsMapToTheirStatusAndStableType() {
        assertProblem(StoreException.notFound(Subject.RECORD), 404, "not-found");
        assertProblem(StoreException.refused(new AccessDecision.Denied(DenialReason.PURPOSE_MISSING,
                AccessDecision.Visibility.FORBIDDEN)), 403, "forbidden");
        assertProblem(StoreException.invalid(List.of(new FieldError("profile.name", "required", "must not be blank"))),
                422, "validation");
        assertProblem(StoreException.malformed(Subject.RECORD, "not an object"), 400, "malformed-request");
        assertProblem(StoreException.stale(3, 4), 412, "version-mismatch");
        assertProblem(StoreException.duplicate("profile.studentNumber"), 409, "conflict");
        assertProblem(new IllegalStateException("boom at 13800138000"), 500, "internal");
    }

    @Test
    void searchCatchingUpIsA503WithItsOwnTypeAndRetryAfter() {
        SearchIndexCatchingUpException catchingUp = new SearchIndexCatchingUpException(Duration.ofSeconds(7));
        assertProblem(catchingUp, 503, "search-catching-up");
        assertThat(ProblemMapper.retryAfterSeconds(catchingUp)).hasValue(7);
        assertThat(ProblemMapper.retryAfterSeconds(new SearchIndexCatchingUpException(Duration.ofMillis(200))))
                .as("never 0: a client would retry at once").hasValue(1);
        assertThat(ProblemMapper.retryAfterSeconds(StoreException.unavailable(Subject.AUDIT_TRAIL, "down", null)))
                .hasValue(5);
        assertThat(ProblemMapper.retryAfterSeconds(StoreException.notFound(Subject.RECORD))).isEmpty();
    }

    @Test
    void aRecordStoreOutOfReachIsA503WithRetryAfterNotAnInternalError() {
        Exception selection = new com.mongodb.MongoTimeoutException("Timed out while waiting for a server");
        Exception connection = new com.mongodb.MongoSocketOpenException("Exception opening socket",
                new com.mongodb.ServerAddress("127.0.0.1", 27017), new java.net.ConnectException("refused"));
        for (Exception failure : List.of(selection, connection)) {
            assertDetail(failure, 503, "unavailable", "The record store cannot be reached; try again later.");
            assertThat(ProblemMapper.retryAfterSeconds(failure)).hasValue(5);
        }
        assertThat(ProblemMapper.from(selection, ProblemTexts.forLanguages(List.of(Locale.SIMPLIFIED_CHINESE))).detail())
                .isEqualTo("无法连接学生记录库，请稍后重试。");
    }

    @Test
    void purgeRequestStepsMapToFourEyesNotFoundAndConflict() {
        assertProblem(StoreException.fourEyes(Subject.PURGE_REQUEST), 403, "four-eyes");
        assertThat(ProblemMapper.from(StoreException.fourEyes(Subject.PURGE_REQUEST)).reason()).isEqualTo("FOUR_EYES");
        assertProblem(StoreException.notFound(Subject.PURGE_REQUEST), 404, "not-found");
        assertProblem(StoreException.conflict(Subject.PURGE_REQUEST, PurgeStatus.APPROVED.name()), 409, "conflict");
    }

    @Test
    void misuseReportStepsMapToNotFoundAndConflict() {
        assertProblem(StoreException.notFound(Subject.REPORT), 404, "not-found");
        assertProblem(StoreException.conflict(Subject.REPORT, "RESOLVED"), 409, "conflict");
    }

    @Test
    void grantsCorrectionsImportsAndRetentionMapToTheirProblemsWithDetailsWrittenByTheApi() {
        assertDetail(StoreException.notFound(Subject.GRANT), 404, "not-found", "No grant has this id.");
        assertDetail(StoreException.conflict(Subject.GRANT, GrantState.REVOKED.name()), 409, "conflict",
                "The grant is revoked; this change is not possible now.");
        assertDetail(StoreException.notFound(Subject.CORRECTION), 404, "not-found",
                "No correction request the caller may see has this id.");
        assertDetail(StoreException.conflict(Subject.CORRECTION, "DECIDED"), 409, "conflict", "The correction request was already decided.");
        assertDetail(StoreException.malformed(Subject.ENROLMENT_FILE, "row 3 has 4 columns"), 400, "malformed-request",
                "The file cannot be read: row 3 has 4 columns.");
        assertDetail(StoreException.tooLarge(Subject.ENROLMENT_FILE, 10000), 413, "too-large",
                "An import file may have at most 10000 rows; split it.");
        assertDetail(StoreException.notFound(Subject.LEGAL_HOLD), 404, "not-found", "No legal hold has this id.");
        assertDetail(StoreException.conflict(Subject.LEGAL_HOLD, "LIFTED"), 409, "conflict", "The legal hold was lifted already.");
        assertThat(ProblemMapper.from(StoreException.conflict(Subject.LEGAL_HOLD, "LIFTED")).reason()).isNull();
        assertThat(ProblemMapper.from(StoreException.conflict(Subject.LEGAL_HOLD, "HELD")).reason())
                .isEqualTo("LEGAL_HOLD_ACTIVE");
        assertDetail(StoreException.notFound(Subject.ARCHIVE), 404, "not-found", "The record has no archive.");
        assertDetail(StoreException.unavailable(Subject.AUDIT_TRAIL, "down", null), 503, "unavailable",
                "The request could not be recorded; try again later.");
        assertDetail(StoreException.malformed(Subject.BACKUP, "bad file"), 500, "internal", "The request failed; it has been logged.");
    }

    @Test
    void anInvalidGrantHasATitleOfItsOwnAndARefusalOfTheApiKeepsItsType() {
        Problem grant = ProblemMapper.from(StoreException.invalid(Subject.GRANT, List.of(
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
        Problem problem = ProblemMapper.from(StoreException.refused(new AccessDecision.Denied(
                DenialReason.SCOPE_MISSING, AccessDecision.Visibility.FORBIDDEN)));

        assertThat(problem.reason()).isEqualTo("SCOPE_MISSING");
        assertThat(problem.detail()).isEqualTo(DenialReason.SCOPE_MISSING.description());
    }

    @Test
    void aSessionUnderImpersonationHasAProblemTypeOfItsOwnAndAFailedIndexIs503() {
        Problem refused = ProblemMapper.from(StoreException.refused(new AccessDecision.Denied(DenialReason.IMPERSONATED,
                AccessDecision.Visibility.FORBIDDEN)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.type()).isEqualTo(BASE + "impersonated");
        assertThat(refused.reason()).isEqualTo("IMPERSONATED");
        assertProblem(new SearchIndexException("Search failed", new java.io.IOException("disk")), 503, "unavailable");
    }

    @Test
    void validationListsFieldMessageAndRuleInAFixedOrder() {
        Problem problem = ProblemMapper.from(StoreException.invalid(List.of(
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
    void anUnknownFieldIsNeverRepeatedOnlyWhereItStands() {
        String madeUp = "Alice Student 110101200001011234 <img src=x>";
        assertThatThrownBy(() -> JsonBodies.read("{\"" + madeUp + "\":\"x\"}", EnrolmentRepresentation.class))
                .isInstanceOfSatisfying(JsonProcessingException.class, e -> {
                    Problem problem = ProblemMapper.from(e);
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.detail()).doesNotContain("110101200001011234").doesNotContain("Alice")
                            .doesNotContain("<img").isEqualTo("The body has a field this request does not take.");
                });
        assertThatThrownBy(() -> JsonBodies.read("{\"profile\":{\"alice\":\"x\"}}", EnrolmentRepresentation.class))
                .isInstanceOfSatisfying(JsonProcessingException.class, e -> assertThat(ProblemMapper.from(e).detail())
                        .contains("'profile'").doesNotContain("alice"));
    }

    @Test
    void anUnexpectedFailureShowsNothingOfItsMessage() {
        Problem problem = ProblemMapper.from(new IllegalStateException("resident id 110101200403150423 leaked"));

        assertThat(JsonBodies.write(problem)).doesNotContain("110101200403150423").doesNotContain("IllegalStateException");
    }

    @Test
    void problemsWithoutErrorsOmitTheMember() {
        assertThat(JsonBodies.write(ProblemMapper.from(StoreException.notFound(Subject.RECORD))))
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
