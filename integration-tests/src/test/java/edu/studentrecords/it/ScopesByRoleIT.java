package edu.studentrecords.it;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may carry which scope: every student scope has the roles whose holders may carry it as its role scope mappings,
 * so a token leaves out the scopes its user's roles do not allow, whatever the client asks for. A student's token
 * carries only {@code student.self}, staff never carry a scope that changes a profile or identity, a supervisor only
 * the audit's, and an application acting for itself only with the application role.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class ScopesByRoleIT {

    private static final String EVERY_SCOPE = String.join(" ", RealmBootstrapIT.SCOPES);

    @InjectRealm(ref = "scopes")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    /** The campus of the class's realm, set up by the first test that needs it. */
    private static Campus campus;

    private Campus campus() {
        if (campus == null) {
            campus = Campus.setUp(realm, oauth);
        }
        return campus;
    }

    @Test
    void eachRoleCarriesOnlyItsScopes() {
        Campus campus = campus();

        assertThat(scopesOf(campus.signIn(oauth, "alice", PORTAL, EVERY_SCOPE))).as("a student")
            .containsExactly("student.self");
        assertThat(scopesOf(campus.signIn(oauth, "sam", PORTAL, EVERY_SCOPE))).as("staff")
            .containsExactlyInAnyOrder("student.profile.read", "student.identity.read", "student.contact.read",
                "student.contact.write", "student.guardians.read", "student.guardians.write", "student.search");
        assertThat(scopesOf(campus.signIn(oauth, "ada", PORTAL, EVERY_SCOPE))).as("an administrator")
            .containsExactlyInAnyOrderElementsOf(RealmBootstrapIT.SCOPES.stream()
                .filter(s -> !s.equals("student.self") && !s.equals("student.guardian")).toList());
        campus.person("gus", null, "guardian");
        assertThat(scopesOf(campus.signIn(oauth, "gus", PORTAL, EVERY_SCOPE))).as("a guardian")
            .containsExactly("student.guardian");
        assertThat(scopesOf(campus.signIn(oauth, "sue", PORTAL, EVERY_SCOPE))).as("a supervisor")
            .containsExactly("student.audit");
    }

    @Test
    void anApplicationCarriesRecordScopesOnlyWithTheApplicationRole() {
        Campus campus = campus();
        assertThat(scopesOf(campus.serviceToken(oauth, Campus.LIBRARY))).as("the library, an application")
            .containsExactly("student.profile.read");

        ClientRepresentation kiosk = new ClientRepresentation();
        kiosk.setClientId("kiosk");
        kiosk.setSecret("kiosk-secret-for-tests");
        kiosk.setPublicClient(false);
        kiosk.setStandardFlowEnabled(false);
        kiosk.setServiceAccountsEnabled(true);
        kiosk.setAttributes(Map.of("student-records.trust", "internal", "student-records.units", "*",
            "student-records.purposes", "teaching"));
        kiosk.setDefaultClientScopes(List.of("basic", "student.profile.read", "student.contact.read"));
        try (Response created = realm.admin().clients().create(kiosk)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        oauth.realm(realm.getName()).client("kiosk", "kiosk-secret-for-tests").scope(null);
        String token = oauth.doClientCredentialsGrantAccessTokenRequest().getAccessToken();

        assertThat(scopesOf(token)).as("a client whose service account lacks the application role").isEmpty();
        assertThat(Api.claims(token).path("aud").toString()).doesNotContain("student-records");
        assertThat(campus.api.call("GET", "/records?studentNumber=IT000001", token, "teaching").send().status())
            .isEqualTo(401);
    }

    private static Set<String> scopesOf(String jwt) {
        return Arrays.stream(Api.claims(jwt).path("scope").asText().split(" "))
            .filter(s -> s.startsWith("student."))
            .collect(Collectors.toSet());
    }
}
