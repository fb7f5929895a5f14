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
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET/PUT /settings} with real tokens: an administrator reads the realm's settings with their defaults,
 * replaces them (the realm attributes change, and a purpose taken away is refused on the next request), and an
 * invalid body is a 422 naming every broken field with nothing written; nobody else may read or write them. Every
 * call leaves exactly one audit entry.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class SettingsIT {

    @InjectRealm(ref = "settings")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @Test
    void anAdministratorReadsAndReplacesTheRealmsSettings() {
        Campus campus = Campus.setUp(realm, oauth);
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        String record = campus.enrol(ada, GeneratedStudent.number(71, Campus.PHYSICS_CLASS), "alice");
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.admin");
        String sue = campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit student.admin");
        String adaWithoutAdminScope = campus.signIn(oauth, "ada", PORTAL, STAFF_SCOPES);
        String library = campus.serviceToken(oauth, LIBRARY);
        RawRealmStore raw = new RawRealmStore(realm.getId());
        try {
            Api.Reply read = raw.once(api.call("GET", "/settings", ada, "administration"));
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            JsonNode defaults = read.json();
            assertThat(texts(defaults.get("purposes"))).contains("teaching", "administration", "library-services");
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
                    "verificationPeriodDays", 0,
                    "centreEmail", "not-an-address",
                    "selfCheck", Map.of("readsPerHour", 0, "workday", "20:00-07:00", "zone", "Mars/Olympus",
                        "staleAdminDays", -1))));
            assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
            assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
            assertThat(invalid.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "purposes[1]", "purposes[2]", "verificationPeriodDays", "centreEmail", "selfCheck.readsPerHour",
                "selfCheck.workday", "selfCheck.zone", "selfCheck.staleAdminDays");
            assertThat(invalid.body()).doesNotContain("not-an-address").doesNotContain("Mars/Olympus");
            assertThat(Api.JSON.convertValue(api.call("GET", "/settings", ada, "administration").send().json(),
                Map.class)).as("nothing written").isEqualTo(wanted);
        } finally {
            raw.close();
        }
    }

    private static List<String> texts(JsonNode array) {
        return Api.JSON.convertValue(array, List.class);
    }
}
