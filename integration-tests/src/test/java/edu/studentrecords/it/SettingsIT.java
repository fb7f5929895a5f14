package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET/PUT /settings} with real tokens: an administrator reads the realm's settings with their defaults,
 * replaces them (the realm attributes change, and a purpose taken away is refused on the next request), and an
 * invalid body is a 422 naming every broken field with nothing written; nobody else may read or write them. The
 * purposes by role limit what a staff member may declare on the very next request ({@code PURPOSE_NOT_ALLOWED_FOR_ROLE}),
 * and a role left out is limited by its client only. Every call leaves exactly one audit entry.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class SettingsIT {

    @InjectRealm(ref = "settings")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<SettingsIT, World> WORLD = CampusWorld.of(SettingsIT.class, t -> t.realm, t -> t.oauth,
        (test, campus) -> {
            String ada = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            String record = campus.enrol(ada, GeneratedStudent.number(71, Campus.PHYSICS_CLASS), "alice");
            return new World(campus, ada, record, campus.signIn(test.oauth, "sam", PORTAL, STAFF_SCOPES));
        });

    /** The campus, an administrator's token, a record of the physics class and its staff member's token. */
    record World(Campus campus, String ada, String record, String sam) {
    }

    @Test
    void anAdministratorReadsAndReplacesTheRealmsSettings() {
        World w = WORLD.get();
        Campus campus = w.campus();
        Api api = campus.api;
        String ada = w.ada();
        String record = w.record();
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.admin");
        String sue = campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit student.admin");
        String adaWithoutAdminScope = campus.signIn(oauth, "ada", PORTAL, STAFF_SCOPES);
        String library = campus.serviceToken(oauth, LIBRARY);
        RawRealmStore raw = WORLD.raw();
        Api.Reply read = raw.once(api.call("GET", "/settings", ada, "administration"));
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode defaults = read.json();
        assertThat(texts(defaults.get("purposes"))).contains("teaching", "administration", "library-services");
        assertThat(Api.JSON.convertValue(defaults.get("purposesByRole"), Map.class)).as("the bootstrap's defaults")
            .isEqualTo(Map.of("records-staff", List.of("teaching", "student-services"),
                "records-admin", List.of("administration")));
        assertThat(defaults.get("verificationPeriodDays").asInt()).isEqualTo(180);
        assertThat(defaults.get("centreEmail").isNull()).isTrue();
        assertThat(defaults.at("/selfCheck/readsPerHour").asInt()).isEqualTo(200);
        assertThat(defaults.at("/selfCheck/zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(defaults.at("/selfCheck/staleAdminDays").asInt()).isEqualTo(90);
        assertThat(defaults.at("/selfCheck/workday").asText()).matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d");

        assertThat(api.call("GET", "/records/" + record, sam, "teaching").send().status())
            .as("teaching is a purpose of the realm").isEqualTo(200);

        Map<String, Object> wanted = Map.of(
            "purposes", List.of("student-services", "administration", "library-services", "statistics"),
            "purposesByRole", Map.of("records-staff", List.of("student-services"),
                "records-admin", List.of("administration")),
            "verificationPeriodDays", 365,
            "centreEmail", "centre@school.example.test",
            "selfCheck", Map.of("readsPerHour", 50, "workday", "07:00-20:00", "zone", "Europe/Zurich",
                "staleAdminDays", 30));
        for (String[] caller : List.of(new String[] {sam, "teaching"}, new String[] {sue, "administration"},
            new String[] {adaWithoutAdminScope, "administration"}, new String[] {library, "library-services"})) {
            assertThat(raw.once(api.call("GET", "/settings", caller[0], caller[1])).status()).isEqualTo(403);
            assertThat(raw.once(api.call("PUT", "/settings", caller[0], caller[1])
                .json("application/json", wanted)).status()).isEqualTo(403);
        }
        assertThat(api.call("GET", "/settings", null, "administration").send().status()).isEqualTo(401);

        Api.Reply replaced = raw.once(api.call("PUT", "/settings", ada, "administration")
            .json("application/json", wanted));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(Api.JSON.convertValue(replaced.json(), Map.class)).isEqualTo(wanted);
        Map<String, String> attributes = realm.admin().toRepresentation().getAttributes();
        assertThat(attributes).containsEntry("student-records.purposes",
                "student-services,administration,library-services,statistics")
            .containsEntry("student-records.verification-period-days", "365")
            .containsEntry("student-records.centre-email", "centre@school.example.test")
            .containsEntry("student-records.self-check.reads-per-hour", "50")
            .containsEntry("student-records.self-check.workday", "07:00-20:00")
            .containsEntry("student-records.self-check.zone", "Europe/Zurich")
            .containsEntry("student-records.self-check.stale-admin-days", "30");
        assertThat(Api.JSON.convertValue(raw.once(api.call("GET", "/settings", ada, "administration")).json(),
            Map.class)).isEqualTo(wanted);
        assertThat(api.call("GET", "/records/" + record, sam, "teaching").send().status())
            .as("teaching is no purpose of the realm any more").isEqualTo(403);

        Api.Reply invalid = raw.once(api.call("PUT", "/settings", ada, "administration").json("application/json",
            Map.of("purposes", List.of("administration", "Not A Purpose", "administration"),
                "purposesByRole", Map.of("records-staff", List.of("student-services")),
                "verificationPeriodDays", 0,
                "centreEmail", "not-an-address",
                "selfCheck", Map.of("readsPerHour", 0, "workday", "20:00-07:00", "zone", "Mars/Olympus",
                    "staleAdminDays", -1))));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
            "purposes[1]", "purposes[2]", "purposesByRole.records-staff[0]", "verificationPeriodDays", "centreEmail",
            "selfCheck.readsPerHour", "selfCheck.workday", "selfCheck.zone", "selfCheck.staleAdminDays");
        assertThat(invalid.body()).doesNotContain("not-an-address").doesNotContain("Mars/Olympus");
        assertThat(Api.JSON.convertValue(api.call("GET", "/settings", ada, "administration").send().json(),
            Map.class)).as("nothing written").isEqualTo(wanted);
        putBack(w, defaults());
    }

    @Test
    void theCentreLimitsEachRolesPurposesAndARoleLeftOutIsLimitedByItsClientOnly() {
        World w = WORLD.get();
        Api api = w.campus().api;
        RawRealmStore raw = WORLD.raw();
        Map<String, Object> before = defaults();
        putBack(w, before);
        assertThat(api.call("GET", "/records/" + w.record(), w.sam(), "teaching").send().status())
            .as("teaching is on staff's list at first").isEqualTo(200);

        Map<String, Object> staffServicesOnly = with(before, Map.of(
            "records-staff", List.of("student-services"),
            "records-admin", List.of("administration"),
            "records-supervisor", List.of("administration")));
        Api.Reply replaced = raw.once(api.call("PUT", "/settings", w.ada(), "administration")
            .json("application/json", staffServicesOnly));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(Api.JSON.convertValue(raw.once(api.call("GET", "/settings", w.ada(), "administration")).json(),
            Map.class)).isEqualTo(staffServicesOnly);
        assertThat(realm.admin().toRepresentation().getAttributes())
            .containsEntry("student-records.purposes.records-staff", "student-services")
            .containsEntry("student-records.purposes.records-supervisor", "administration")
            .doesNotContainKey("student-records.purposes.records-application");

        Api.Reply teaching = raw.once(api.call("GET", "/records/" + w.record(), w.sam(), "teaching"));
        assertThat(teaching.status()).as("teaching is a purpose of the realm and the portal, not of staff any more: %s",
            teaching.body()).isEqualTo(403);
        assertThat(teaching.json().path("reason").asText()).isEqualTo("PURPOSE_NOT_ALLOWED_FOR_ROLE");
        assertThat(raw.once(api.call("GET", "/records/" + w.record(), w.sam(), "student-services")).status())
            .as("student-services is on staff's list").isEqualTo(200);

        Map<String, List<String>> broken = new LinkedHashMap<>();
        broken.put("records-staff", List.of("student-services", "teaching"));
        broken.put("student", List.of("teaching"));
        broken.put("records-admin", List.of());
        Map<String, Object> invalidBody = new LinkedHashMap<>(with(staffServicesOnly, broken));
        invalidBody.put("purposes", List.of("student-services", "administration", "library-services", "statistics"));
        Api.Reply invalid = raw.once(api.call("PUT", "/settings", w.ada(), "administration")
            .json("application/json", invalidBody));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        List<String> named = new ArrayList<>();
        invalid.json().get("errors").forEach(e -> named.add(e.path("field").asText() + " " + e.path("rule").asText()));
        assertThat(named).as("teaching taken out of the realm while staff still name it; students; an empty list")
            .containsExactlyInAnyOrder("purposesByRole.student role", "purposesByRole.records-admin required",
                "purposesByRole.records-staff[1] realm-purpose");
        assertThat(Api.JSON.convertValue(api.call("GET", "/settings", w.ada(), "administration").send().json(),
            Map.class)).as("nothing written").isEqualTo(staffServicesOnly);
        assertThat(api.call("GET", "/records/" + w.record(), w.sam(), "teaching").send().status()).isEqualTo(403);

        Map<String, Object> staffLeftOut = with(before, Map.of("records-admin", List.of("administration")));
        Api.Reply leftOut = raw.once(api.call("PUT", "/settings", w.ada(), "administration")
            .json("application/json", staffLeftOut));
        assertThat(leftOut.status()).as(leftOut.body()).isEqualTo(200);
        assertThat(realm.admin().toRepresentation().getAttributes())
            .doesNotContainKeys("student-records.purposes.records-staff", "student-records.purposes.records-supervisor");
        assertThat(api.call("GET", "/records/" + w.record(), w.sam(), "teaching").send().status())
            .as("staff left out: limited by the portal's purposes only").isEqualTo(200);
        Api.Reply statistics = api.call("GET", "/records/" + w.record(), w.sam(), "statistics").send();
        assertThat(statistics.status()).as("a purpose of the realm the portal may not declare").isEqualTo(403);
        assertThat(statistics.json().path("reason").asText()).isEqualTo("PURPOSE_NOT_ALLOWED_FOR_CLIENT");

        putBack(w, before);
    }

    /** The settings as the realm has them with the bootstrap's defaults (the same for every test of the class). */
    private static Map<String, Object> defaults() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("purposes", List.of("teaching", "student-services", "administration", "library-services",
            "statistics"));
        settings.put("purposesByRole", Map.of("records-staff", List.of("teaching", "student-services"),
            "records-admin", List.of("administration")));
        settings.put("verificationPeriodDays", 180);
        settings.put("centreEmail", null);
        settings.put("selfCheck", Map.of("readsPerHour", 200, "workday", "07:00-22:00", "zone", "Asia/Shanghai",
            "staleAdminDays", 90));
        return settings;
    }

    /** Puts {@code settings} in place, so that the next test starts from them whatever this one changed. */
    private static void putBack(World w, Map<String, Object> settings) {
        Api.Reply reply = w.campus().api.call("PUT", "/settings", w.ada(), "administration")
            .json("application/json", settings).send();
        assertThat(reply.status()).as("putting the settings back: %s", reply.body()).isEqualTo(200);
    }

    private static Map<String, Object> with(Map<String, Object> settings, Map<String, List<String>> purposesByRole) {
        Map<String, Object> changed = new LinkedHashMap<>(settings);
        changed.put("purposesByRole", purposesByRole);
        return changed;
    }

    private static List<String> texts(JsonNode array) {
        return Api.JSON.convertValue(array, List.class);
    }
}
