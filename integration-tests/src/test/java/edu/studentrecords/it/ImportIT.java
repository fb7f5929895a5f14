package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /records:import} with real tokens: CSV and NDJSON files with good and bad rows, per-row reports naming
 * fields, nothing half-created, one audit entry per row that reached the store, refusals for everyone but admins.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class ImportIT {

    static final String HEADER = "studentNumber,name,gender,status,unit,enrolmentDate,residentIdNumber,dateOfBirth,"
        + "nativePlaceCode,mobilePhone,email,homeAddress,guardian1Name,guardian1Relationship,guardian1Phone,"
        + "guardian1EmergencyContact";

    @InjectRealm(ref = "import")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    /** The campus and an administrator's token, set up once for the class. */
    @RegisterExtension
    static final CampusWorld<ImportIT, String> WORLD = CampusWorld.of(ImportIT.class, t -> t.realm, t -> t.oauth,
        (test, campus) -> campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES));

    private Campus campus;
    private String admin;
    private RawRealmStore raw;

    @BeforeEach
    void world() {
        campus = WORLD.campus();
        admin = WORLD.get();
        raw = WORLD.raw();
    }

    @Test
    void aCsvFileWithBadRowsCreatesTheGoodOnesAndReportsTheBadOnesByField() {
        GeneratedStudent enrolled = GeneratedStudent.number(100, Campus.PHYSICS_CLASS);
        campus.enrol(admin, enrolled, null);
        GeneratedStudent good1 = GeneratedStudent.number(101, Campus.PHYSICS_CLASS);
        GeneratedStudent badId = GeneratedStudent.number(102, Campus.PHYSICS_CLASS);
        String wrongId = wrongCheckCharacter(badId.residentIdNumber());
        GeneratedStudent noName = GeneratedStudent.number(103, Campus.PHYSICS_CLASS);
        GeneratedStudent duplicate = GeneratedStudent.number(104, Campus.PHYSICS_CLASS);
        GeneratedStudent good2 = GeneratedStudent.number(105, Campus.HISTORY_CLASS);
        List<String> rows = List.of(HEADER, csv(good1), csv(badId).replace(badId.residentIdNumber(), wrongId),
            csv(noName).replace(noName.name(), ""), csv(duplicate).replace(duplicate.studentNumber(), enrolled.studentNumber()),
            csv(good2));
        long records = raw.count("records");
        long keys = raw.count("record_keys");
        long audit = raw.auditEntries();

        Api.Reply reply = upload(admin, "text/csv", String.join("\r\n", rows) + "\r\n");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(raw.auditEntries() - audit).as("one entry per row that reached the store").isEqualTo(5);
        JsonNode report = reply.json();
        assertThat(report.get("imported").asInt()).isEqualTo(2);
        assertThat(report.get("failed").asInt()).isEqualTo(3);
        assertThat(statuses(report)).containsExactly("1:created", "2:failed", "3:failed", "4:failed", "5:created");
        assertThat(fields(report, 1)).contains("identity.residentIdNumber");
        assertThat(fields(report, 2)).contains("profile.name");
        assertThat(fields(report, 3)).containsExactly("profile.studentNumber");
        assertThat(reply.body()).doesNotContain(wrongId).doesNotContain(enrolled.studentNumber());

        assertThat(raw.count("records")).as("no half record").isEqualTo(records + 2);
        assertThat(raw.count("record_keys")).as("no key left by a failed row").isEqualTo(keys + 2);
        assertReadable(report.get("rows").get(0).get("id").asText(), good1);
        assertReadable(report.get("rows").get(4).get("id").asText(), good2);
        for (GeneratedStudent failed : List.of(badId, noName, duplicate)) {
            assertThat(byNumber(failed.studentNumber()).status()).isEqualTo(404);
        }
        assertThat(byNumber(enrolled.studentNumber()).json().at("/profile/name").asText()).isEqualTo(enrolled.name());
    }

    @Test
    void anNdjsonFileWithBadLinesAndAReimportedRow() {
        GeneratedStudent good = GeneratedStudent.number(111, Campus.PHYSICS_CLASS);
        GeneratedStudent noContact = GeneratedStudent.number(112, Campus.PHYSICS_CLASS);
        GeneratedStudent badId = GeneratedStudent.number(113, Campus.PHYSICS_CLASS);
        String wrongId = wrongCheckCharacter(badId.residentIdNumber());
        Map<String, Object> withoutContact = noContact.enrolment(null);
        withoutContact.remove("contact");
        String ndjson = String.join("\n", json(good.enrolment(null)), json(withoutContact),
            json(badId.enrolment(null)).replace(badId.residentIdNumber(), wrongId), "{not json") + "\n";
        long records = raw.count("records");

        Api.Reply first = upload(admin, "application/x-ndjson", ndjson);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(statuses(first.json())).containsExactly("1:created", "2:failed", "3:failed", "4:failed");
        assertThat(fields(first.json(), 1)).contains("contact");
        assertThat(fields(first.json(), 2)).contains("identity.residentIdNumber");
        assertThat(first.body()).doesNotContain(wrongId);
        assertThat(raw.count("records")).isEqualTo(records + 1);
        assertReadable(first.json().at("/rows/0/id").asText(), good);

        long audit = raw.auditEntries();
        Api.Reply again = upload(admin, "application/x-ndjson", json(good.enrolment(null)) + "\n");
        assertThat(again.status()).isEqualTo(200);
        assertThat(statuses(again.json())).containsExactly("1:failed");
        assertThat(fields(again.json(), 0)).containsExactly("profile.studentNumber");
        assertThat(raw.count("records")).isEqualTo(records + 1);
        assertThat(raw.auditEntries() - audit).isEqualTo(1);
    }

    @Test
    void onlyAdministratorsWithTheAdminScopeImportAndEachRefusalIsOneAuditEntry() {
        String file = HEADER + "\n" + csv(GeneratedStudent.number(121, Campus.PHYSICS_CLASS)) + "\n";
        long records = raw.count("records");
        List<String> unexpected = new ArrayList<>();
        Map<String, String> refused = Map.of(
            "staff", campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES),
            "admin without student.admin", campus.signIn(oauth, "ada", PORTAL, STAFF_SCOPES));
        refused.forEach((who, token) -> {
            long audit = raw.auditEntries();
            Api.Reply reply = upload(token, "text/csv", file);
            long added = raw.auditEntries() - audit;
            if (reply.status() != 403 || added != 1 || !reply.header("Content-Type").startsWith("application/problem+json")) {
                unexpected.add(who + " got " + reply.status() + " and left " + added + " entries");
            }
        });
        assertThat(unexpected).isEmpty();
        assertThat(raw.count("records")).isEqualTo(records);
        assertThat(campus.api.call("POST", "/records:import", null, "administration")
            .json("text/csv", file).send().status()).isEqualTo(401);
    }

    @Test
    void aFileOfTheWrongTypeUnreadableOrTooLargeIsRefusedAsAWhole() {
        long records = raw.count("records");
        Api.Reply wrongType = upload(admin, "text/plain", HEADER + "\n");
        assertThat(wrongType.status()).isEqualTo(415);
        Api.Reply unknownColumn = upload(admin, "text/csv", "studentNumber,shoeSize\nIT000131,42\n");
        assertThat(unknownColumn.status()).as(unknownColumn.body()).isEqualTo(400);
        assertThat(unknownColumn.json().get("detail").asText()).contains("column 2").doesNotContain("shoeSize");
        StringBuilder large = new StringBuilder("studentNumber\n");
        for (int i = 0; i <= 10_000; i++) {
            large.append("X").append(i).append('\n');
        }
        Api.Reply tooMany = upload(admin, "text/csv", large.toString());
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(413);
        assertThat(tooMany.header("Content-Type")).startsWith("application/problem+json");
        assertThat(raw.count("records")).isEqualTo(records);
    }

    private Api.Reply upload(String token, String type, String body) {
        return campus.api.call("POST", "/records:import", token, "administration").json(type, body).send();
    }

    private Api.Reply byNumber(String studentNumber) {
        return campus.api.call("GET", "/records?studentNumber=" + studentNumber, admin, "administration").send();
    }

    private void assertReadable(String id, GeneratedStudent student) {
        Api.Reply read = campus.api.call("GET", "/records/" + id, admin, "administration").send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().at("/profile/studentNumber").asText()).isEqualTo(student.studentNumber());
        assertThat(read.json().at("/profile/name").asText()).isEqualTo(student.name());
        assertThat(read.json().at("/identity/residentIdNumber").asText()).isEqualTo(student.residentIdNumber());
        assertThat(read.json().at("/contact/mobilePhone").asText()).isEqualTo(student.mobilePhone());
        assertThat(read.json().at("/guardians/0/name").asText()).isEqualTo(student.guardianName());
    }

    private static List<String> statuses(JsonNode report) {
        List<String> all = new ArrayList<>();
        report.get("rows").forEach(row -> all.add(row.get("row").asInt() + ":" + row.get("status").asText()));
        return all;
    }

    private static List<String> fields(JsonNode report, int index) {
        return report.get("rows").get(index).get("errors").findValuesAsText("field");
    }

    static String csv(GeneratedStudent s) {
        return List.of(s.studentNumber(), s.name(), s.gender().name(), "ENROLLED", s.unit(), "2024-09-01",
                s.residentIdNumber(), s.birthDate().toString(), s.divisionCode(), s.mobilePhone(), s.email(),
                s.homeAddress(), s.guardianName(), "MOTHER", s.guardianPhone(), "true").stream()
            .map(cell -> cell.contains(",") ? "\"" + cell + "\"" : cell).collect(Collectors.joining(","));
    }

    static String wrongCheckCharacter(String residentId) {
        return residentId.substring(0, 17) + (residentId.charAt(17) == '1' ? '2' : '1');
    }

    private static String json(Object value) {
        try {
            return Api.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
