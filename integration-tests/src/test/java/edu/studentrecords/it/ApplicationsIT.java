package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.HISTORY_CLASS;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Which campus applications may reach which parts of a record, managed by the centre through {@code /applications}
 * with real tokens: administrators list the realm's clients with their trust, purposes, units and {@code student.*}
 * scopes and change them through Keycloak's model; what makes a client less protected waits for a second
 * administrator (the first one's approval is 403 four-eyes); bad purposes, units and scopes are refused field by field;
 * staff, supervision, students and applications are refused; every call leaves exactly one audit entry; and a change
 * applies to the client's next token and request.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class ApplicationsIT {

    private static final String ADMINISTRATION = "administration";
    private static final String JSON = "application/json";

    @InjectRealm(ref = "applications")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<ApplicationsIT, World> WORLD = CampusWorld.of(ApplicationsIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            String ada = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            String record = campus.enrol(ada, GeneratedStudent.number(361, PHYSICS_CLASS), "alice");
            return new World(campus, ada, campus.signIn(test.oauth, "eli", PORTAL, ADMIN_SCOPES), record);
        });

    /** The campus, two administrators' tokens and a record of the physics class. */
    record World(Campus campus, String ada, String eli, String record) {
    }

    @Test
    void anAdministratorListsTheRealmsApplicationsWithWhatTheyMayReach() {
        World w = WORLD.get();
        Api.Reply listed = WORLD.raw().once(w.campus().api.call("GET", "/applications", w.ada(), ADMINISTRATION));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode library = application(listed.json(), LIBRARY);
        assertThat(library.get("trust").asText()).isEqualTo("internal");
        assertThat(texts(library.get("purposes"))).containsExactly("library-services");
        assertThat(texts(library.get("units"))).containsExactly("*");
        assertThat(texts(library.get("defaultScopes"))).containsExactly("student.profile.read");
        assertThat(library.get("pendingChange").isNull()).isTrue();
        JsonNode bureau = application(listed.json(), BUREAU);
        assertThat(bureau.get("trust").asText()).isEqualTo("external");
        JsonNode portal = application(listed.json(), PORTAL);
        assertThat(texts(portal.get("optionalScopes"))).contains("student.admin", "student.self");
        assertThat(texts(portal.get("defaultScopes"))).as("only student.* scopes are shown").isEmpty();
        assertThat(texts(listed.json().get("purposes"))).contains("teaching", "administration", "statistics");
        assertThat(texts(listed.json().get("units"))).contains(PHYSICS_CLASS, HISTORY_CLASS, "science", "arts/history");
        assertThat(texts(listed.json().get("scopes"))).contains("student.profile.read", "student.admin")
            .allMatch(s -> s.startsWith("student."));
    }

    @Test
    void staffSupervisionStudentsAndApplicationsAreRefusedEachWithOneEntry() {
        World w = WORLD.get();
        Campus campus = w.campus();
        Api api = campus.api;
        RawRealmStore raw = WORLD.raw();
        List<Caller> refused = List.of(
            new Caller("staff", campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.admin"), "teaching"),
            new Caller("supervisor", campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit student.admin"),
                ADMINISTRATION),
            new Caller("student", campus.signIn(oauth, "alice", PORTAL, "student.self"), "student-services"),
            new Caller("application", campus.serviceToken(oauth, LIBRARY), "library-services"),
            new Caller("administrator without student.admin", campus.signIn(oauth, "ada", PORTAL, STAFF_SCOPES),
                ADMINISTRATION));
        for (Caller caller : refused) {
            assertThat(raw.once(api.call("GET", "/applications", caller.token(), caller.purpose())).status())
                .as("%s listing", caller.label()).isEqualTo(403);
            assertThat(raw.once(api.call("PUT", "/applications/" + LIBRARY, caller.token(), caller.purpose())
                .json(JSON, settings("external", List.of(), List.of(), List.of(), List.of()))).status())
                .as("%s changing", caller.label()).isEqualTo(403);
        }
        assertThat(api.call("GET", "/applications", null, ADMINISTRATION).send().status()).isEqualTo(401);
        assertThat(application(api.call("GET", "/applications", w.ada(), ADMINISTRATION).send().json(), LIBRARY)
            .get("trust").asText()).as("nothing changed").isEqualTo("internal");
    }

    @Test
    void narrowingAppliesAtOnceAndWideningWaitsForASecondAdministrator() {
        World w = WORLD.get();
        Campus campus = w.campus();
        Api api = campus.api;
        RawRealmStore raw = WORLD.raw();
        String path = "/records/" + w.record();
        assertThat(api.call("GET", path, campus.serviceToken(oauth, LIBRARY), "library-services").send().status())
            .as("the library reaches every unit").isEqualTo(200);

        Api.Reply narrowed = raw.once(api.call("PUT", "/applications/" + LIBRARY, w.ada(), ADMINISTRATION).json(JSON,
            settings("internal", List.of("library-services"), List.of(HISTORY_CLASS), List.of("student.profile.read"),
                List.of())));
        assertThat(narrowed.status()).as("one administrator narrows: %s", narrowed.body()).isEqualTo(200);
        assertThat(texts(narrowed.json().get("units"))).containsExactly(HISTORY_CLASS);
        assertThat(narrowed.json().get("pendingChange").isNull()).isTrue();
        assertThat(clientAttributes(LIBRARY)).containsEntry("student-records.units", HISTORY_CLASS);
        assertThat(api.call("GET", path, campus.serviceToken(oauth, LIBRARY), "library-services").send().status())
            .as("the next request: a physics record is outside the library's units now").isEqualTo(404);

        Api.Reply asked = raw.once(api.call("PUT", "/applications/" + LIBRARY, w.ada(), ADMINISTRATION).json(JSON,
            settings("internal", List.of("library-services"), List.of("*"), List.of("student.profile.read"),
                List.of())));
        assertThat(asked.status()).as("widening waits: %s", asked.body()).isEqualTo(202);
        assertThat(texts(asked.json().get("units"))).as("not yet applied").containsExactly(HISTORY_CLASS);
        JsonNode change = asked.json().get("pendingChange");
        assertThat(texts(change.get("units"))).containsExactly("*");
        assertThat(change.at("/requestedBy/username").asText()).isEqualTo("ada");
        assertThat(change.get("requestedByYou").asBoolean()).isTrue();
        assertThat(clientAttributes(LIBRARY)).containsEntry("student-records.units", HISTORY_CLASS);
        JsonNode seenByEli = application(api.call("GET", "/applications", w.eli(), ADMINISTRATION).send().json(),
            LIBRARY);
        assertThat(seenByEli.at("/pendingChange/requestedByYou").asBoolean()).isFalse();
        assertThat(api.call("GET", path, campus.serviceToken(oauth, LIBRARY), "library-services").send().status())
            .as("a waiting change opens nothing").isEqualTo(404);

        String approve = "/applications/" + LIBRARY + "/changes/" + change.get("id").asText() + "/approve";
        Api.Reply selfApproved = raw.once(api.call("POST", approve, w.ada(), ADMINISTRATION));
        assertThat(selfApproved.status()).as("approved by the one who asked").isEqualTo(403);
        assertThat(selfApproved.json().get("type").asText()).endsWith("/four-eyes");
        Api.Reply approved = raw.once(api.call("POST", approve, w.eli(), ADMINISTRATION));
        assertThat(approved.status()).as("approved by a second administrator: %s", approved.body()).isEqualTo(200);
        assertThat(texts(approved.json().get("units"))).containsExactly("*");
        assertThat(approved.json().get("pendingChange").isNull()).isTrue();
        assertThat(api.call("GET", path, campus.serviceToken(oauth, LIBRARY), "library-services").send().status())
            .as("the next request after approval").isEqualTo(200);
        assertThat(raw.once(api.call("POST", approve, w.eli(), ADMINISTRATION)).status()).as("approving twice")
            .isEqualTo(404);
    }

    @Test
    void anOutsideBodyTurnedInternalReadsOnlyOnceASecondAdministratorApproved() {
        World w = WORLD.get();
        Campus campus = w.campus();
        Api api = campus.api;
        RawRealmStore raw = WORLD.raw();
        String path = "/records/" + w.record();
        assertThat(api.call("GET", path, campus.serviceToken(oauth, BUREAU), "statistics").send().status())
            .as("an outside body without a grant").isEqualTo(403);

        Map<String, Object> internal = settings("internal", List.of("statistics"), List.of(PHYSICS_CLASS),
            List.of("student.profile.read", "student.contact.read"), List.of());
        Api.Reply asked = raw.once(api.call("PUT", "/applications/" + BUREAU, w.ada(), ADMINISTRATION)
            .json(JSON, internal));
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        assertThat(asked.json().get("trust").asText()).isEqualTo("external");
        assertThat(asked.json().at("/pendingChange/trust").asText()).isEqualTo("internal");
        assertThat(clientAttributes(BUREAU)).containsEntry("student-records.trust", "external");
        assertThat(api.call("GET", path, campus.serviceToken(oauth, BUREAU), "statistics").send().status())
            .as("before approval").isEqualTo(403);

        String approve = "/applications/" + BUREAU + "/changes/" + asked.json().at("/pendingChange/id").asText()
            + "/approve";
        Api.Reply fourEyes = raw.once(api.call("POST", approve, w.ada(), ADMINISTRATION));
        assertThat(fourEyes.status()).isEqualTo(403);
        assertThat(fourEyes.json().get("type").asText()).endsWith("/four-eyes");
        Api.Reply approved = raw.once(api.call("POST", approve, w.eli(), ADMINISTRATION));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("trust").asText()).isEqualTo("internal");
        assertThat(clientAttributes(BUREAU)).containsEntry("student-records.trust", "internal")
            .containsEntry("student-records.units", PHYSICS_CLASS);
        assertThat(application(api.call("GET", "/applications", w.eli(), ADMINISTRATION).send().json(), BUREAU)
            .get("trust").asText()).as("it reads as internal").isEqualTo("internal");

        String token = campus.serviceToken(oauth, BUREAU);
        assertThat(Api.claims(token).path("scope").asText().split(" ")).as("the next token carries the new scope")
            .contains("student.contact.read", "student.profile.read");
        Api.Reply read = api.call("GET", path, token, "statistics").send();
        assertThat(read.status()).as("the next request: %s", read.body()).isEqualTo(200);
        assertThat(read.json().has("contact")).isTrue();
        assertThat(read.json().has("identity")).isFalse();

        // A change asked for, then overtaken by another one: approving it would apply what nobody compared.
        Api.Reply wider = raw.once(api.call("PUT", "/applications/" + BUREAU, w.ada(), ADMINISTRATION).json(JSON,
            settings("internal", List.of("statistics"), List.of("*"), List.of("student.profile.read"), List.of())));
        assertThat(wider.status()).isEqualTo(202);
        Api.Reply external = raw.once(api.call("PUT", "/applications/" + BUREAU, w.eli(), ADMINISTRATION).json(JSON,
            settings("external", List.of("statistics"), List.of(), List.of("student.profile.read"), List.of())));
        assertThat(external.status()).as("turning external is one administrator's: %s", external.body()).isEqualTo(200);
        assertThat(api.call("GET", path, campus.serviceToken(oauth, BUREAU), "statistics").send().status())
            .as("external again from the next request").isEqualTo(403);
        Api.Reply stale = raw.once(api.call("POST", "/applications/" + BUREAU + "/changes/"
            + wider.json().at("/pendingChange/id").asText() + "/approve", w.eli(), ADMINISTRATION));
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(clientAttributes(BUREAU)).containsEntry("student-records.trust", "external");
    }

    @Test
    void badPurposesUnitsAndScopesAreRefusedFieldByFieldAndNothingIsKept() {
        World w = WORLD.get();
        Api api = w.campus().api;
        RawRealmStore raw = WORLD.raw();
        JsonNode before = application(api.call("GET", "/applications", w.ada(), ADMINISTRATION).send().json(), LIBRARY);
        Api.Reply invalid = raw.once(api.call("PUT", "/applications/" + LIBRARY, w.ada(), ADMINISTRATION).json(JSON,
            settings("external", List.of("library-services", "no-such-purpose"), List.of("science/nowhere", "*"),
                List.of("student.profile.read", "student.nothing"), List.of("student.profile.read", "email"))));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("purposes[1]",
            "units[0]", "defaultScopes[1]", "optionalScopes[0]", "optionalScopes[1]");
        assertThat(application(api.call("GET", "/applications", w.ada(), ADMINISTRATION).send().json(), LIBRARY))
            .as("nothing kept").isEqualTo(before);

        assertThat(raw.once(api.call("PUT", "/applications/no-such-client", w.ada(), ADMINISTRATION).json(JSON,
            settings("external", List.of(), List.of(), List.of(), List.of()))).status()).isEqualTo(404);
        assertThat(raw.once(api.call("PUT", "/applications/" + LIBRARY, w.ada(), ADMINISTRATION).json(JSON,
            settings("trusted", List.of(), List.of(), List.of(), List.of()))).status()).as("an unknown trust")
            .isEqualTo(400);
        assertThat(raw.once(api.call("POST", "/applications/" + LIBRARY + "/changes/nothing/approve", w.eli(),
            ADMINISTRATION)).status()).isEqualTo(404);
    }

    @Test
    void anApprovalAndAChangeMadeMeanwhileNeverMixIntoWhatNoSecondAdministratorSaw() throws Exception {
        World w = WORLD.get();
        Api api = w.campus().api;
        String race = "race-app";
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(race);
        client.setPublicClient(false);
        realm.admin().clients().create(client).close();
        List<String> approved = List.of("teaching");
        List<String> approvedScopes = List.of("student.profile.read");
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Api.Reply start = api.call("PUT", "/applications/" + race, w.ada(), ADMINISTRATION)
                    .json(JSON, settings("external", approved, List.of(), List.of(), approvedScopes)).send();
                assertThat(start.status()).as("round %d: %s", round, start.body()).isEqualTo(200);
                Api.Reply asked = api.call("PUT", "/applications/" + race, w.ada(), ADMINISTRATION)
                    .json(JSON, settings("internal", approved, List.of(), List.of(), approvedScopes)).send();
                assertThat(asked.status()).as("round %d: %s", round, asked.body()).isEqualTo(202);
                String approve = "/applications/" + race + "/changes/" + asked.json().at("/pendingChange/id").asText()
                    + "/approve";
                // Eli approves "internal, teaching, profile" while Ada, at the same moment, widens the client as it
                // was (external, which a change of hers alone may do).
                Future<Api.Reply> approval = both.submit(() -> api.call("POST", approve, w.eli(), ADMINISTRATION).send());
                Future<Api.Reply> change = both.submit(() -> api.call("PUT", "/applications/" + race, w.ada(),
                    ADMINISTRATION).json(JSON, settings("external", List.of("teaching", "administration", "statistics"),
                    List.of(), List.of(), List.of("student.profile.read", "student.identity.read",
                    "student.contact.read"))).send());
                assertThat(approval.get().status()).as("round %d", round).isIn(200, 409);
                assertThat(change.get().status()).as("round %d", round).isIn(200, 202);
                JsonNode now = application(api.call("GET", "/applications", w.ada(), ADMINISTRATION).send().json(), race);
                if ("internal".equals(now.get("trust").asText())) {
                    assertThat(texts(now.get("purposes"))).as("round %d: internal only as approved", round)
                        .containsExactlyElementsOf(approved);
                    assertThat(texts(now.get("optionalScopes"))).as("round %d: internal only as approved", round)
                        .containsExactlyElementsOf(approvedScopes);
                }
            }
        } finally {
            both.shutdownNow();
        }
    }

    private Map<String, String> clientAttributes(String clientId) {
        ClientRepresentation client = realm.admin().clients().findByClientId(clientId).get(0);
        return client.getAttributes();
    }

    private static Map<String, Object> settings(String trust, List<String> purposes, List<String> units,
                                                List<String> defaultScopes, List<String> optionalScopes) {
        return Map.of("trust", trust, "purposes", purposes, "units", units, "defaultScopes", defaultScopes,
            "optionalScopes", optionalScopes);
    }

    private static JsonNode application(JsonNode listing, String clientId) {
        for (JsonNode application : listing.get("applications")) {
            if (clientId.equals(application.get("clientId").asText())) {
                return application;
            }
        }
        throw new AssertionError("no application " + clientId + " in " + listing);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
