package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-check's {@code STALE_ADMIN} finding with real sign-ins: an administrator's sign-in is recorded (a
 * student's is not); once the realm's {@code staleAdminDays} have passed (the server's clock shifted), the
 * administrator who did not sign in again is reported by user id, the one who did is not, and neither is the
 * supervisor, who is no administrator.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class StaleAdminIT {

    private static final int STALE_DAYS = 30;

    @InjectRealm(ref = "stale-admins")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet clock;

    @Test
    void anAdministratorWhoDidNotSignInForTheRealmsPeriodIsReported() {
        Campus campus = Campus.setUp(realm, oauth);
        RealmRepresentation settings = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(settings.getAttributesOrEmpty());
        attributes.put("student-records.self-check.stale-admin-days", Integer.toString(STALE_DAYS));
        settings.setAttributes(attributes);
        realm.admin().update(settings);

        Instant before = Instant.now().minusSeconds(5);
        campus.signIn(oauth, "eli", PORTAL, ADMIN_SCOPES);
        campus.signIn(oauth, "alice", PORTAL, "student.self");
        campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit");
        String recorded = attribute("eli");
        assertThat(recorded).as("eli's sign-in is recorded").isNotNull();
        assertThat(Instant.parse(recorded)).isAfter(before).isBefore(Instant.now().plusSeconds(5));
        assertThat(attribute("alice")).as("a student's sign-in costs no write").isNull();

        String sueNow = campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit");
        assertThat(findings(campus, sueNow)).as("nobody is stale yet").isEmpty();

        clock.set((int) Duration.ofDays(STALE_DAYS + 1).toSeconds());
        List<JsonNode> stale;
        try {
            campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
            String sue = campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit");
            stale = findings(campus, sue);
        } finally {
            clock.set(0);
        }
        assertThat(stale).extracting(f -> f.get("actor").asText())
            .as("eli, not ada who signed in again, not sue who is no administrator")
            .containsExactly("user:" + campus.userIds.get("eli"));
        assertThat(stale.get(0).get("count").asLong()).isGreaterThanOrEqualTo(STALE_DAYS + 1);
        assertThat(Instant.parse(stale.get(0).get("from").asText())).isEqualTo(Instant.parse(recorded));
    }

    private String attribute(String username) {
        Map<String, List<String>> attributes = realm.admin().users().get(oauthUserId(username)).toRepresentation()
            .getAttributes();
        List<String> values = attributes == null ? null : attributes.get("student-records.last-sign-in");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private String oauthUserId(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
    }

    private static List<JsonNode> findings(Campus campus, String supervisor) {
        Api.Reply run = campus.api.call("POST", "/self-check", supervisor, "administration").send();
        assertThat(run.status()).as("running the check: %s", run.body()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        run.json().get("findings").forEach(f -> {
            if ("STALE_ADMIN".equals(f.get("code").asText())) {
                found.add(f);
            }
        });
        return found;
    }
}
