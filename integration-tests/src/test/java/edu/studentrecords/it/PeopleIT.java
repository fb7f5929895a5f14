package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * {@code /people}: the centre names people by username and name. Administrators and supervision get the username,
 * first and last name of the ids they ask about (nothing else, unknown ids and service accounts left out, at most 100)
 * and the people a report may be assigned to; staff, students and applications are refused. Every call, refused or
 * not, leaves exactly one {@code PEOPLE_LOOKUP} entry.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class PeopleIT {

    private static final String ADMINISTRATION = "administration";

    @InjectRealm(ref = "people")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<PeopleIT, Campus> WORLD = CampusWorld.of(PeopleIT.class, t -> t.realm, t -> t.oauth);

    @Test
    void administratorsAndSupervisionGetNamesAndNothingElse() {
        Campus campus = WORLD.campus();
        RawRealmStore raw = WORLD.raw();
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        String sue = campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit");
        String eliId = campus.userIds.get("eli");
        String samId = campus.userIds.get("sam");
        String libraryAccount = realm.admin().clients().get(realm.admin().clients().findByClientId(LIBRARY).get(0)
            .getId()).getServiceAccountUser().getId();

        Api.Reply named = raw.once(campus.api.call("GET", "/people?id=" + eliId + "&id=" + UUID.randomUUID() + "&id="
            + samId + "&id=" + eliId + "&id=" + libraryAccount, ada, ADMINISTRATION));
        assertThat(named.status()).as("%s", named.body()).isEqualTo(200);
        JsonNode people = named.json().get("people");
        assertThat(people).as("eli and sam, in the order asked, each once; no unknown id, no service account")
            .hasSize(2);
        assertThat(people.get(0).get("id").asText()).isEqualTo(eliId);
        assertThat(people.get(0).get("username").asText()).isEqualTo("eli");
        assertThat(people.get(0).get("firstName").asText()).isEqualTo("Eli");
        assertThat(people.get(0).get("lastName").asText()).isEqualTo("Tester");
        assertThat(people.get(1).get("username").asText()).isEqualTo("sam");
        List<String> fields = new ArrayList<>();
        people.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("nothing but the name").containsExactlyInAnyOrder("id", "username", "firstName", "lastName");
        assertThat(named.body()).doesNotContain("@people.example.test");
        assertEntry(raw.newestAuditEntry(), "ALLOW", null);

        Api.Reply bySupervision = raw.once(campus.api.call("GET", "/people?id=" + samId, sue, ADMINISTRATION));
        assertThat(bySupervision.status()).as("%s", bySupervision.body()).isEqualTo(200);
        assertThat(bySupervision.json().at("/people/0/username").asText()).isEqualTo("sam");
        assertEntry(raw.newestAuditEntry(), "ALLOW", null);

        Api.Reply assignees = raw.once(campus.api.call("GET", "/people/assignees", sue, ADMINISTRATION));
        assertThat(assignees.status()).as("%s", assignees.body()).isEqualTo(200);
        assertThat(assignees.json().get("people").findValuesAsText("username"))
            .as("administrators and supervisors by username, no staff, no student").containsExactly("ada", "eli", "sue");
        assertEntry(raw.newestAuditEntry(), "ALLOW", null);

        Api.Reply none = raw.once(campus.api.call("GET", "/people", ada, ADMINISTRATION));
        assertThat(none.status()).as("%s", none.body()).isEqualTo(422);
        assertThat(none.json().at("/errors/0/field").asText()).isEqualTo("id");
        StringBuilder many = new StringBuilder("/people?id=x");
        for (int i = 0; i < 100; i++) {
            many.append("&id=").append(UUID.randomUUID());
        }
        Api.Reply tooMany = raw.once(campus.api.call("GET", many.toString(), ada, ADMINISTRATION));
        assertThat(tooMany.status()).as("%s", tooMany.body()).isEqualTo(422);
        assertEntry(raw.newestAuditEntry(), "ALLOW", "INVALID_REQUEST");
    }

    @Test
    void staffStudentsAndApplicationsAreRefusedAndTheRefusalIsEntered() {
        Campus campus = WORLD.campus();
        RawRealmStore raw = WORLD.raw();
        String adaId = campus.userIds.get("ada");
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.audit student.admin");
        String alice = campus.signIn(oauth, "alice", PORTAL, "student.self");
        List<Api.Reply> refused = new ArrayList<>();
        List<Api.Call> calls = List.of(
            campus.api.call("GET", "/people?id=" + adaId, sam, ADMINISTRATION),
            campus.api.call("GET", "/people/assignees", sam, ADMINISTRATION),
            campus.api.call("GET", "/people?id=" + adaId, alice, null),
            campus.api.call("GET", "/people?id=" + adaId, campus.serviceToken(oauth, LIBRARY), "library-services"),
            campus.api.call("GET", "/people/assignees", campus.serviceToken(oauth, BUREAU), "statistics"));
        for (Api.Call call : calls) {
            Api.Reply reply = raw.once(call);
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(403);
            assertThat(reply.body()).doesNotContain("Ada", "Tester");
            Document entry = raw.newestAuditEntry();
            assertThat(entry.getString("operation")).as("%s", entry.toJson()).isEqualTo("PEOPLE_LOOKUP");
            assertThat(entry.getString("decision")).as("%s", entry.toJson()).isEqualTo("DENY");
        }
        assertThat(campus.api.call("GET", "/people?id=" + adaId, null, ADMINISTRATION).send().status())
            .as("no token").isEqualTo(401);
    }

    private static void assertEntry(Document entry, String decision, String reason) {
        assertThat(entry).isNotNull();
        assertThat(entry.getString("operation")).as("%s", entry.toJson()).isEqualTo("PEOPLE_LOOKUP");
        assertThat(entry.getString("decision")).as("%s", entry.toJson()).isEqualTo(decision);
        assertThat(entry.getString("reason")).as("%s", entry.toJson()).isEqualTo(reason);
    }
}
