package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security self-check through the REST API with real tokens: a planted bulk read by a client is reported, and so
 * is an outside body holding student scopes without a grant; only supervisors and administrators run it.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class SelfCheckIT {

    private static final int READS = 45;
    private static final int LIMIT = 20;

    @InjectRealm(ref = "self-check")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @Test
    void aPlantedBulkReadIsReported() {
        Campus campus = Campus.setUp(realm, oauth);
        Api api = campus.api;
        RealmRepresentation settings = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(settings.getAttributesOrEmpty());
        attributes.put("student-records.self-check.reads-per-hour", Integer.toString(LIMIT));
        attributes.put("student-records.self-check.workday", "00:00-23:59:59");
        attributes.put("student-records.self-check.zone", "UTC");
        settings.setAttributes(attributes);
        realm.admin().update(settings);

        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < READS; i++) {
            records.add(campus.enrol(ada, GeneratedStudent.number(100 + i, Campus.PHYSICS_CLASS), null));
        }
        String sue = campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit");
        assertThat(api.call("POST", "/self-check", sue, "administration").send().status()).as("a first, quiet run")
            .isEqualTo(200);

        String library = campus.serviceToken(oauth, LIBRARY);
        for (String record : records) {
            assertThat(api.call("GET", "/records/" + record, library, "library-services").send().status()).isEqualTo(200);
        }

        Api.Reply run = api.call("POST", "/self-check", sue, "administration").send();
        assertThat(run.status()).as("running the check: %s", run.body()).isEqualTo(200);
        JsonNode report = run.json();
        assertThat(report.get("auditChainIntact").asBoolean()).isTrue();
        List<JsonNode> bulk = findings(report, "BULK_READING");
        // 45 reads against a limit of 20: some clock hour holds more than 20, even if the reads straddle two.
        assertThat(bulk).isNotEmpty().allSatisfy(f -> assertThat(f.get("actor").asText()).isEqualTo("client:" + LIBRARY));
        assertThat(bulk.stream().mapToLong(f -> f.get("count").asLong()).sum()).isBetween((long) LIMIT + 1, (long) READS);
        assertThat(findings(report, "EXTERNAL_CLIENT_WITHOUT_GRANT")).extracting(f -> f.get("actor").asText())
            .containsExactly("client:" + Campus.BUREAU);
        // Run again a moment later: it reports on the same period, so the standing finding is still there.
        Api.Reply again = api.call("POST", "/self-check", sue, "administration").send();
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(findings(again.json(), "BULK_READING")).extracting(f -> f.get("actor").asText() + " "
            + f.get("count").asLong()).containsExactlyInAnyOrderElementsOf(bulk.stream()
            .map(f -> f.get("actor").asText() + " " + f.get("count").asLong()).toList());
        assertThat(run.body()).as("no student's data in the report").doesNotContain(
            GeneratedStudent.number(100, Campus.PHYSICS_CLASS).studentNumber());

        String adaAuditing = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES + " student.audit");
        assertThat(api.call("GET", "/self-check", ada, "administration").send().status())
            .as("an administrator's token without student.audit").isEqualTo(403);
        Api.Reply latest = api.call("GET", "/self-check", adaAuditing, "administration").send();
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.json().get("ranAt")).as("the latest run").isEqualTo(again.json().get("ranAt"));

        String staff = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.audit");
        assertThat(api.call("POST", "/self-check", staff, "teaching").send().status()).as("staff").isEqualTo(403);
        assertThat(api.call("GET", "/self-check", library, "library-services").send().status()).as("a client").isEqualTo(403);
    }

    private static List<JsonNode> findings(JsonNode report, String code) {
        List<JsonNode> found = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (code.equals(f.get("code").asText())) {
                found.add(f);
            }
        });
        return found;
    }
}
