package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * {@code GET /me/history} and {@code GET /records/{id}/history} with real tokens: an approved correction of Alice's
 * name is in her own history with the name before and after; the teacher of her class, whose token reads profiles and
 * contacts only, sees the contact changes and no identity value; Bob reaches nothing of Alice's; each read is one
 * audit entry, and the history is sealed at rest and goes with a destroyed record.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class RecordHistoryApiIT {

    @InjectRealm(ref = "history")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<RecordHistoryApiIT, World> WORLD = CampusWorld.of(RecordHistoryApiIT.class,
        t -> t.realm, t -> t.oauth, (test, campus) -> {
            OAuthClient oauth = test.oauth;
            String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
            GeneratedStudent alice = GeneratedStudent.number(301, Campus.PHYSICS_CLASS);
            String aliceRecord = campus.enrol(admin, alice, "alice");
            GeneratedStudent bob = GeneratedStudent.number(302, Campus.HISTORY_CLASS);
            campus.enrol(admin, bob, "bob");
            return new World(admin, alice, aliceRecord, campus.signIn(oauth, "alice", PORTAL, "student.self"),
                campus.signIn(oauth, "bob", PORTAL, "student.self"),
                campus.signIn(oauth, "sam", PORTAL, "student.profile.read student.contact.read student.contact.write"));
        });

    /** Alice's record, and the tokens of the centre, Alice, Bob and the teacher of Alice's class. */
    record World(String admin, GeneratedStudent aliceStudent, String aliceRecord, String alice, String bob,
                 String teacher) {
    }

    private Campus campus;
    private RawRealmStore raw;
    private World w;

    @BeforeEach
    void world() {
        campus = WORLD.campus();
        raw = WORLD.raw();
        w = WORLD.get();
    }

    @Test
    void anApprovedCorrectionOfAlicesNameIsInHerHistoryWithTheNameBeforeAndAfter() {
        Api.Reply asked = campus.api.call("POST", "/me/corrections", w.alice(), null).json("application/json",
            Map.of("changes", Map.of("profile", Map.of("name", "Alice History Corrected")), "reason", "Misspelt"))
            .send();
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        Api.Reply approved = campus.api.call("POST", "/corrections/" + asked.json().get("id").asText() + "/approve",
            w.admin(), "administration").send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        long audit = raw.auditEntries();
        Api.Reply history = campus.api.call("GET", "/me/history", w.alice(), null).send();
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(raw.auditEntries() - audit).isEqualTo(1);
        JsonNode entry = changesOf(history, "profile.name").get(0);
        assertThat(entry.get("operation").asText()).isEqualTo("APPROVE_CORRECTION");
        assertThat(entry.at("/by/role").asText()).isEqualTo("ADMIN");
        assertThat(entry.get("purpose").asText()).isEqualTo("administration");
        assertThat(entry.get("time").asText()).isNotBlank();
        JsonNode change = change(entry, "profile.name");
        assertThat(change.get("before").asText()).isEqualTo(w.aliceStudent().name());
        assertThat(change.get("after").asText()).isEqualTo("Alice History Corrected");
        assertThat(raw.dump("record_history")).doesNotContain("Alice History Corrected")
            .doesNotContain(w.aliceStudent().name());
    }

    @Test
    void theTeacherOfHerClassSeesContactChangesButNoIdentityValue() {
        GeneratedStudent elsewhere = GeneratedStudent.number(377, Campus.CHEMISTRY_CLASS);
        patch(w.admin(), "administration", Map.of("identity",
            Map.of("nativePlace", Map.of("code", elsewhere.divisionCode(), "name", elsewhere.divisionName()))));
        patch(w.teacher(), "teaching", Map.of("contact", Map.of("homeAddress", "7 History Lane, Test Town")));

        Api.Reply byAdmin = campus.api.call("GET", "/records/" + w.aliceRecord() + "/history", w.admin(),
            "administration").send();
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(changesOf(byAdmin, "identity.nativePlace.code")).hasSize(1);

        long audit = raw.auditEntries();
        Api.Reply byTeacher = campus.api.call("GET", "/records/" + w.aliceRecord() + "/history", w.teacher(),
            "teaching").send();
        assertThat(byTeacher.status()).as(byTeacher.body()).isEqualTo(200);
        assertThat(raw.auditEntries() - audit).isEqualTo(1);
        JsonNode entry = changesOf(byTeacher, "contact.homeAddress").get(0);
        assertThat(entry.at("/by/role").asText()).isEqualTo("STAFF");
        assertThat(entry.at("/by/unit").asText()).isEqualTo(Campus.PHYSICS_CLASS);
        assertThat(entry.get("purpose").asText()).isEqualTo("teaching");
        JsonNode address = change(entry, "contact.homeAddress");
        assertThat(address.get("before").asText()).isEqualTo(w.aliceStudent().homeAddress());
        assertThat(address.get("after").asText()).isEqualTo("7 History Lane, Test Town");
        assertThat(byTeacher.body()).doesNotContain("identity").doesNotContain(elsewhere.divisionCode())
            .doesNotContain(w.aliceStudent().divisionCode());
    }

    @Test
    void bobReachesNothingOfAlicesHistory() {
        long audit = raw.auditEntries();
        Api.Reply asStudent = campus.api.call("GET", "/records/" + w.aliceRecord() + "/history", w.bob(), null).send();
        assertThat(asStudent.status()).as(asStudent.body()).isIn(403, 404);
        assertThat(asStudent.body()).doesNotContain(w.aliceStudent().name());
        Api.Reply own = campus.api.call("GET", "/me/history", w.bob(), null).send();
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).doesNotContain(w.aliceStudent().name()).doesNotContain("Alice History Corrected");
        assertThat(raw.auditEntries() - audit).isEqualTo(2);
        assertThat(campus.api.call("GET", "/me/history", null, null).send().status()).isEqualTo(401);
    }

    @Test
    void aDestroyedRecordsHistoryIsGoneFromARawDump() {
        String purge = ADMIN_SCOPES + " student.purge student.search";
        String ada = campus.signIn(oauth, "ada", PORTAL, purge);
        String eli = campus.signIn(oauth, "eli", PORTAL, purge);
        GeneratedStudent carol = GeneratedStudent.number(303, Campus.PHYSICS_CLASS);
        String record = campus.enrol(w.admin(), carol, null);
        String path = "/records/" + record;
        Api.Reply current = campus.api.call("GET", path, w.admin(), "administration").send();
        String renamed = "Carol History Destroyed";
        Api.Reply patched = campus.api.call("PATCH", path, w.admin(), "administration")
            .header("If-Match", current.header("ETag")).json(Api.MERGE_PATCH, Map.of("profile", Map.of("name", renamed),
                "contact", Map.of("homeAddress", "3 Sealed Street, Test Town"))).send();
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(raw.dump("record_history")).as("the change's entry is kept, sealed").contains(record)
            .doesNotContain(renamed).doesNotContain("3 Sealed Street").doesNotContain(carol.name());

        Api.Reply filed = campus.api.call("POST", path + "/purge-requests", ada, "administration")
            .json("application/json", Map.of("reason", "Enrolled twice by mistake")).send();
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        Api.Reply approved = campus.api.call("POST", "/purge-requests/" + filed.json().get("id").asText() + "/approve",
            eli, "administration").send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        assertThat(raw.keyOf(record)).as("the record's data key").isNull();
        assertThat(raw.dump("record_history")).as("no entry of the destroyed record is left").doesNotContain(record)
            .doesNotContain(renamed).doesNotContain("3 Sealed Street").doesNotContain(carol.name());
        assertThat(campus.api.call("GET", path + "/history", w.admin(), "administration").send().status())
            .isEqualTo(404);
    }

    private void patch(String token, String purpose, Map<String, Object> change) {
        String path = "/records/" + w.aliceRecord();
        Api.Reply current = campus.api.call("GET", path, w.admin(), "administration").send();
        Api.Reply patched = campus.api.call("PATCH", path, token, purpose).header("If-Match", current.header("ETag"))
            .json(Api.MERGE_PATCH, change).send();
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    }

    /** The entries of a history answer that changed the field at {@code path}, newest first. */
    private static List<JsonNode> changesOf(Api.Reply history, String path) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : history.json().get("entries")) {
            if (change(entry, path) != null) {
                found.add(entry);
            }
        }
        return found;
    }

    private static JsonNode change(JsonNode entry, String path) {
        for (JsonNode change : entry.get("changes")) {
            if (change.get("path").asText().equals(path)) {
                return change;
            }
        }
        return null;
    }
}
