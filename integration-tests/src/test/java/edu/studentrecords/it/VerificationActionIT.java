package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testsuite.util.oauth.AuthorizationEndpointResponse;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic verification (rule 5.2) at a real sign-in: the page appears for a student whose confirmation is
 * older than the realm's period (the server's clock shifted past it), shows the current record with the identity
 * masked, and confirming finishes the sign-in and restarts the period; a student who just confirmed signs in
 * straight through, and one who asked for a correction is asked again next time.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class VerificationActionIT {

    private static final Duration PAST_THE_PERIOD = Duration.ofDays(181);
    private static final String PAGE = "student-record-verification";

    // Each test sets up its own campus, so each gets a realm of its own.
    @InjectRealm(ref = "verification", lifecycle = LifeCycle.METHOD)
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet clock;

    @Test
    void anOverdueStudentConfirmsAtSignInAndTheNextSignInGoesStraightThrough() {
        Campus campus = Campus.setUp(realm, oauth);
        String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        GeneratedStudent alice = GeneratedStudent.number(31, Campus.PHYSICS_CLASS);
        String record = campus.enrol(admin, alice, "alice");

        RequiredActionProviderRepresentation action = realm.admin().flows()
            .getRequiredAction("student-record-verification");
        assertThat(action.isEnabled()).as("the bootstrap registers the action, enabled").isTrue();

        // Just enrolled: the period runs from the enrolment, so the sign-in goes straight through.
        String fresh = campus.signIn(oauth, "alice", PORTAL, "student.self");
        assertThat(neverConfirmed(me(campus, fresh))).isTrue();

        clock.set(PAST_THE_PERIOD);
        Campus.SignInStart start = campus.startSignIn(oauth, "alice", PORTAL, "student.self");
        WebDriver browser = oauth.getDriver();
        String page = browser.getPageSource();
        assertThat(new AuthorizationEndpointResponse(oauth).getCode()).as("the sign-in stops at the verification page")
            .isNull();
        assertThat(page).contains(PAGE).contains(alice.studentNumber()).contains("My record is correct")
            .contains("Ask for a correction");
        assertThat(page).as("the resident ID number is masked")
            .doesNotContain(alice.residentIdNumber())
            .contains(alice.residentIdNumber().substring(14));

        browser.findElement(By.id("kc-student-record-correct")).click();
        AuthorizationEndpointResponse afterConfirming = oauth.parseLoginResponse();
        assertThat(afterConfirming.getCode()).as("confirming finishes the sign-in (%s)", browser.getTitle()).isNotNull();
        String token = campus.finishSignIn(oauth, start, afterConfirming.getCode()).getAccessToken();

        Instant verifiedAt = Instant.parse(me(campus, token).get("verifiedAt").asText());
        Instant shiftedNow = Instant.now().plus(PAST_THE_PERIOD);
        assertThat(verifiedAt).as("confirmed on the server's clock")
            .isBetween(shiftedNow.minus(Duration.ofMinutes(5)), shiftedNow.plus(Duration.ofMinutes(1)));
        // Newest first: this look-up, the read of /me, the token's claims, the confirmation, the page, the check.
        assertThat(operations(campus, token)).as("alice's access log")
            .startsWith("READ_ACCESS_LOG", "READ", "TOKEN_CLAIMS", "VERIFY", "READ", "CONFIRMATION_CHECK")
            .containsOnlyOnce("VERIFY");

        // The period restarted: still at the shifted time, the next sign-in goes straight through.
        Campus.SignInStart again = campus.startSignIn(oauth, "alice", PORTAL, "student.self");
        String code = oauth.parseLoginResponse().getCode();
        assertThat(code).as("no verification page right after confirming (%s)", oauth.getDriver().getTitle())
            .isNotNull();
        campus.finishSignIn(oauth, again, code);
    }

    @Test
    void aStudentWhoAsksForACorrectionSignsInAndIsAskedAgainNextTime() {
        Campus campus = Campus.setUp(realm, oauth);
        String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        campus.enrol(admin, GeneratedStudent.number(32, Campus.HISTORY_CLASS), "bob");

        clock.set(PAST_THE_PERIOD);
        Campus.SignInStart start = campus.startSignIn(oauth, "bob", PORTAL, "student.self");
        WebDriver browser = oauth.getDriver();
        assertThat(browser.getPageSource()).contains(PAGE);

        browser.findElement(By.id("kc-student-record-ask-correction")).click();
        assertThat(browser.getPageSource()).as("a correction needs a reason").contains(PAGE)
            .contains("Please say what is wrong");
        browser.findElement(By.id("student-record-reason")).sendKeys("My class is wrong.");
        browser.findElement(By.id("kc-student-record-ask-correction")).click();
        AuthorizationEndpointResponse done = oauth.parseLoginResponse();
        assertThat(done.getCode()).as("asking for a correction finishes the sign-in").isNotNull();
        String token = campus.finishSignIn(oauth, start, done.getCode()).getAccessToken();
        assertThat(neverConfirmed(me(campus, token))).as("not confirmed").isTrue();
        assertThat(operations(campus, token)).doesNotContain("VERIFY");

        campus.startSignIn(oauth, "bob", PORTAL, "student.self");
        assertThat(oauth.getDriver().getPageSource()).as("asked again at the next sign-in").contains(PAGE);
    }

    @Test
    void peopleWithoutARecordAreNeverAsked() {
        Campus campus = Campus.setUp(realm, oauth);
        clock.set(PAST_THE_PERIOD);
        assertThat(campus.signIn(oauth, "sam", PORTAL, "student.profile.read")).isNotBlank();
        assertThat(campus.signIn(oauth, "alice", PORTAL, "student.self")).as("a student not enrolled").isNotBlank();
    }

    private static boolean neverConfirmed(JsonNode record) {
        return record.path("verifiedAt").isMissingNode() || record.path("verifiedAt").isNull();
    }

    private static JsonNode me(Campus campus, String token) {
        Api.Reply reply = campus.api.call("GET", "/me", token, null).send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> operations(Campus campus, String token) {
        Api.Reply log = campus.api.call("GET", "/me/access-log?limit=50", token, null).send();
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<String> operations = new ArrayList<>();
        log.json().get("entries").forEach(entry -> operations.add(entry.path("operation").asText()));
        return operations;
    }
}
