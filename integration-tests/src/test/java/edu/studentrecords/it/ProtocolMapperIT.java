package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;

import java.util.ArrayList;
import java.util.List;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token mapper: {@code student_number} and {@code enrolment_status} from the student's own record, in tokens
 * whose scopes include {@code student.self} (or {@code student.profile.read}, which no student's token carries), and
 * in no other token.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class ProtocolMapperIT {

    @InjectRealm(ref = "claims")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @Test
    void claimsOnlyWithTheScopesAndOnlyForTheStudentsOwnRecord() {
        Campus campus = Campus.setUp(realm, oauth);
        String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        GeneratedStudent alice = GeneratedStudent.number(41, Campus.PHYSICS_CLASS);
        campus.enrol(admin, alice, "alice");

        AccessTokenResponse self = campus.signInForTokens(oauth, "alice", PORTAL, "student.self");
        JsonNode access = Api.claims(self.getAccessToken());
        assertThat(access.path("student_number").asText()).isEqualTo(alice.studentNumber());
        assertThat(access.path("enrolment_status").asText()).isEqualTo("ENROLLED");
        assertThat(Api.claims(self.getIdToken()).path("student_number").asText()).as("ID token")
            .isEqualTo(alice.studentNumber());

        // A student's token carries no staff scope (student.profile.read included), so no claims through one.
        for (String scope : List.of("student.profile.read", "student.search", "student.contact.read", "")) {
            JsonNode other = Api.claims(campus.signIn(oauth, "alice", PORTAL, scope));
            assertThat(other.has("student_number") || other.has("enrolment_status"))
                .as("a token with scopes [%s]", scope).isFalse();
        }
        assertThat(Api.claims(campus.signIn(oauth, "sam", PORTAL, "student.profile.read")).has("student_number"))
            .as("staff have no record of their own").isFalse();
        assertThat(Api.claims(campus.serviceToken(oauth, LIBRARY)).has("student_number"))
            .as("a client acting for itself").isFalse();

        // Each token that carried the claims is on alice's access log, with the profile group only.
        Api.Reply log = campus.api.call("GET", "/me/access-log?limit=100", self.getAccessToken(), null).send();
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<JsonNode> claimsEntries = new ArrayList<>();
        log.json().get("entries").forEach(e -> {
            if (e.path("operation").asText().equals("TOKEN_CLAIMS")) {
                claimsEntries.add(e);
            }
        });
        assertThat(claimsEntries).as("one entry per token response with the claims").hasSize(1);
        claimsEntries.forEach(e -> assertThat(e.path("groups").toString()).isEqualTo("[\"profile\"]"));

        // A refresh is one more token response: one more entry, however many tokens it carries.
        String form = "grant_type=refresh_token&refresh_token=" + self.getRefreshToken() + "&client_id=" + PORTAL
            + "&client_secret=" + java.net.URLEncoder.encode(campus.secrets.get(PORTAL), java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> refreshed;
        try {
            refreshed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        List<String> after = new ArrayList<>();
        campus.api.call("GET", "/me/access-log?limit=100", self.getAccessToken(), null).send().json().get("entries")
            .forEach(e -> after.add(e.path("operation").asText()));
        assertThat(after).as("entries after a refresh").filteredOn("TOKEN_CLAIMS"::equals).hasSize(2);
    }
}
