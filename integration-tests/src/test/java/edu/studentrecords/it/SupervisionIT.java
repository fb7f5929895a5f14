package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.List;
import java.util.Map;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervision (rule 9) with real tokens: a supervisor reads the audit trail and verifies its chain, and reaches no
 * record content through any record endpoint; staff may not read the audit.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class SupervisionIT {

    private static final String SUPERVISOR_SCOPES = STAFF_SCOPES + " student.audit student.search";

    @InjectRealm(ref = "supervision")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @Test
    void aSupervisorReadsAndVerifiesTheAuditButNoRecord() {
        Campus campus = Campus.setUp(realm, oauth);
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES + " student.audit");
        GeneratedStudent student = GeneratedStudent.number(41, Campus.PHYSICS_CLASS);
        String record = campus.enrol(ada, student, "alice");
        assertThat(api.call("GET", "/records/" + record, ada, "administration").send().status()).isEqualTo(200);
        String sue = campus.signIn(oauth, "sue", PORTAL, SUPERVISOR_SCOPES);

        Api.Reply history = api.call("GET", "/audit?record=" + record, sue, "administration").send();
        assertThat(history.status()).as("a record's audit history: %s", history.body()).isEqualTo(200);
        JsonNode entries = history.json().get("entries");
        assertThat(entries.findValuesAsText("operation")).contains("CREATE", "READ");
        assertThat(history.body()).as("no record content in the audit").doesNotContain(student.studentNumber());
        // A record's entries are not searched by client, operation or decision: such a filter beside it is refused,
        // where it was ignored (every entry of the record answered as if it matched).
        for (String filter : List.of("&client=library-app", "&operation=READ", "&decision=DENY", "&fromSequence=1")) {
            Api.Reply filtered = api.call("GET", "/audit?record=" + record + filter, sue, "administration").send();
            assertThat(filtered.status()).as(filter + ": " + filtered.body()).isEqualTo(400);
        }

        Api.Reply whole = api.call("GET", "/audit?fromSequence=1&limit=3", sue, "administration").send();
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.json().get("entries").findValuesAsText("sequence")).containsExactly("1", "2", "3");

        Api.Reply verified = api.call("GET", "/audit/verify", sue, "administration").send();
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("intact").asBoolean()).isTrue();
        assertThat(verified.json().get("entriesChecked").asLong()).isGreaterThan(3);
        assertThat(api.call("GET", "/audit/verify", ada, "administration").send().status())
            .as("an administrator may supervise too").isEqualTo(200);

        Map<String, Object> patch = Map.of("contact", Map.of("email", "changed@people.example.test"));
        String[][] recordCalls = {
            {"GET", "/records/" + record},
            {"GET", "/records?studentNumber=" + student.studentNumber()},
            {"PATCH", "/records/" + record},
            {"POST", "/records"},
            {"GET", "/me"},
        };
        for (String[] call : recordCalls) {
            Api.Call request = api.call(call[0], call[1], sue, "administration");
            if (call[0].equals("PATCH")) {
                request.header("If-Match", "\"1\"").json(Api.MERGE_PATCH, patch);
            } else if (call[0].equals("POST")) {
                request.json("application/json", GeneratedStudent.number(42, Campus.PHYSICS_CLASS).enrolment(null));
            }
            Api.Reply reply = request.send();
            assertThat(reply.status()).as("supervisor: %s %s", call[0], call[1]).isIn(403, 404);
            assertThat(reply.body()).as("no record content for a supervisor").doesNotContain(student.studentNumber());
        }

        String staff = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.audit");
        assertThat(api.call("GET", "/audit?record=" + record, staff, "teaching").send().status())
            .as("staff reading the audit").isEqualTo(403);
        assertThat(api.call("GET", "/audit/verify", staff, "teaching").send().status()).isEqualTo(403);
    }
}
