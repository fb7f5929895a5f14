package edu.studentrecords.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import edu.studentrecords.keycloak.rest.representation.CentreReportRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionRequestRepresentation;
import edu.studentrecords.keycloak.rest.representation.EnrolmentRepresentation;
import edu.studentrecords.keycloak.rest.representation.GrantRepresentation;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.keycloak.rest.representation.MisuseReportRepresentation;
import edu.studentrecords.keycloak.rest.representation.PurgeRequestRepresentation;
import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.reports.Triage;
import edu.studentrecords.store.testing.GeneratedBodies;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.InputTally;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated bodies through a real store, read as the endpoints read them ({@link JsonBodies}, the representations)
 * and handed to the store as the endpoints hand them: a student's record changed by an administrator and by the
 * student, enrolments, correction requests, misuse reports and their triage, legal holds, paper copies, purge requests,
 * grants and the retention policy. Each body is accepted or refused as a client's mistake, and a refused body leaves
 * what the store holds as it was: the record's stored document, and the number of documents of every collection the
 * operation writes (the audit trail aside: a refusal is audited). The seed is {@code -Dgenerated.seed}.
 */
class RefusedBodiesStoreIT {

    private static final int PER_OPERATION = 250;
    private static final LocalDate TODAY = LocalDate.now();
    private static final String ALICE = "generated-student-1";

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    private static StudentRecords store;
    private static MongoDatabase raw;
    private static final AccessContext ADMIN = Principals.admin("registrar-1");
    private static final AccessContext STUDENT = Principals.self(ALICE);
    private static String record;
    private static String report;

    /** What one operation does with a body, as its endpoint does. */
    @FunctionalInterface
    interface Operation {
        void apply(byte[] body) throws Exception;
    }

    @BeforeAll
    static void enrolAlice() {
        store = STORE.store();
        raw = STORE.fixture().rawDatabase();
        record = store.records().create(ADMIN, new GeneratedStudents(GeneratedBodiesTest.SEED).next(TODAY), ALICE).id();
        report = store.misuseReports().report(STUDENT, "Who read my record?", List.of()).id();
    }

    @Test
    void aRefusedBodyStoresNothing() throws JsonProcessingException {
        Map<String, List<String>> seeds = new LinkedHashMap<>();
        Map<String, Operation> operations = new LinkedHashMap<>();
        Map<String, List<String>> writes = new LinkedHashMap<>();
        GeneratedStudents students = new GeneratedStudents(GeneratedBodiesTest.SEED + 3);
        List<String> enrolments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StudentRecord student = students.next(TODAY);
            enrolments.add(StrictJson.mapper().writeValueAsString(new EnrolmentRepresentation(student.profile(),
                    student.identity(), student.contact(), student.guardians(), null)));
        }
        add(seeds, operations, writes, "PATCH /records/{id}", List.of(
                "{\"contact\":{\"homeAddress\":\"2号 解放路\",\"email\":null}}",
                "{\"profile\":{\"name\":\"欧阳小明\"},\"guardians\":[{\"name\":\"李娜\",\"relationship\":\"MOTHER\","
                        + "\"phone\":\"13712345678\",\"emergencyContact\":true}]}"),
                List.of("records", "record_keys", "changes"),
                body -> store.records().update(ADMIN, record, version(), text(body)));
        add(seeds, operations, writes, "PATCH /me", List.of("{\"contact\":{\"homeAddress\":\"3号 中山路\"}}",
                "{\"guardians\":[{\"name\":\"王芳\",\"relationship\":\"FATHER\",\"phone\":\"13812345678\","
                        + "\"emergencyContact\":true}]}"),
                List.of("records", "record_keys", "changes"),
                body -> store.self().update(STUDENT, version(), text(body)));
        add(seeds, operations, writes, "POST /records", enrolments, List.of("records", "record_keys", "changes"),
                body -> {
                    EnrolmentRepresentation enrolment = json(body, EnrolmentRepresentation.class);
                    store.records().create(ADMIN, enrolment.content(), enrolment.ownerSubject());
                });
        add(seeds, operations, writes, "POST /me/corrections", List.of(
                "{\"changes\":{\"profile\":{\"name\":\"王小明\"}},\"reason\":\"Spelt as on the ID card\"}"),
                List.of("corrections", "records"),
                body -> {
                    CorrectionRequestRepresentation asked = json(body, CorrectionRequestRepresentation.class);
                    store.self().requestCorrection(STUDENT, asked.changesText(), asked.reason());
                });
        add(seeds, operations, writes, "POST /me/reports", List.of("{\"message\":\"第一行\\n第二行\",\"auditEntries\":[]}"),
                List.of("misuse_reports"),
                body -> {
                    MisuseReportRepresentation.Request asked = json(body, MisuseReportRepresentation.Request.class);
                    store.misuseReports().report(STUDENT, asked.message(), asked.auditEntries());
                });
        add(seeds, operations, writes, "POST /reports/{id}/triage", List.of(
                "{\"severity\":\"HIGH\",\"assignee\":\"registrar-2\",\"linkedEntries\":[]}"),
                List.of("misuse_reports"),
                body -> {
                    var asked = json(body, CentreReportRepresentation.TriageRequest.class);
                    store.misuseReports().triage(ADMIN, report,
                            new Triage(asked.severity(), asked.assignee(), asked.linkedEntries()),
                            "registrar-2"::equals);
                });
        add(seeds, operations, writes, "POST /records/{id}/legal-holds", List.of("{\"reason\":\"Court order 2026-17\"}"),
                List.of("legal_holds"),
                body -> store.retention().placeHold(ADMIN, record,
                        json(body, RetentionRepresentation.HoldRequest.class).reason()));
        add(seeds, operations, writes, "POST /records/{id}/paper-copies", List.of(
                "{\"location\":\"Cabinet 3, registry\",\"custodian\":\"Registrar\",\"destroyBy\":\"2031-01-31\"}"),
                List.of("paper_copies"),
                body -> {
                    var asked = json(body, RetentionRepresentation.PaperCopyRequest.class);
                    List<FieldError> errors = RetentionRepresentation.errors();
                    LocalDate destroyBy = asked.destroyByDate(errors);
                    refuse(StoreException.Subject.PAPER_COPY, errors);
                    store.retention().addPaperCopy(ADMIN, record, asked.location(), asked.custodian(), destroyBy);
                });
        add(seeds, operations, writes, "POST /records/{id}/purge-requests", List.of(
                "{\"reason\":\"Enrolled twice by mistake\"}"),
                List.of("purge_requests"),
                body -> {
                    String reason = PurgeRequestsResource.reasonOf(json(body, PurgeRequestRepresentation.Filing.class));
                    String filed = store.purgeRequests().request(ADMIN, record, reason).id();
                    // Taken back at once, so that the next body is judged on its own and not refused as a second request.
                    store.purgeRequests().cancel(Principals.admin("registrar-2"), filed);
                });
        add(seeds, operations, writes, "POST /grants", List.of(grant()), List.of("grants", "grant_agreements"),
                body -> store.grants().request(ADMIN,
                        json(body, GrantRepresentation.Request.class).toRequest(java.util.Set.of()),
                        "city-statistics-bureau"::equals));
        add(seeds, operations, writes, "PUT /retention/policy", List.of(
                "{\"archiveOn\":[\"GRADUATED\",\"WITHDRAWN\",\"TRANSFERRED\"],\"destroyAfterDays\":1825,"
                        + "\"archiveRetentionDays\":3650}"),
                List.of("retention_state"),
                body -> {
                    List<FieldError> errors = RetentionRepresentation.errors();
                    var policy = json(body, RetentionRepresentation.Policy.class).toPolicy(errors);
                    refuse(StoreException.Subject.RETENTION_POLICY, errors);
                    store.retention().updatePolicy(ADMIN, policy);
                });

        GeneratedBodies bodies = new GeneratedBodies(GeneratedBodiesTest.SEED + 4);
        long total = 0;
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Operation> operation : operations.entrySet()) {
            String name = operation.getKey();
            InputTally tally = new InputTally(name, GeneratedBodiesTest::clientMistake);
            List<String> valid = seeds.get(name);
            for (int i = 0; i < PER_OPERATION; i++) {
                GeneratedBodies.Body body = bodies.next(valid.get(i % valid.size()));
                String before = holdings(writes.get(name));
                boolean[] refused = {true};
                tally.read(body, () -> {
                    operation.getValue().apply(body.bytes());
                    refused[0] = false;
                });
                if (refused[0]) {
                    String after = holdings(writes.get(name));
                    if (!after.equals(before)) {
                        failures.add(name + ": " + body + " was refused and changed what the store holds");
                    }
                }
            }
            System.out.println("Generated bodies through the store, seed " + GeneratedBodiesTest.SEED + ": "
                    + tally.summary());
            total += tally.total();
            failures.addAll(tally.failures());
        }
        System.out.println("Generated bodies through the store, seed " + GeneratedBodiesTest.SEED + ": " + total
                + " bodies through " + operations.size() + " operations");
        assertThat(failures).as("bodies not refused as a client's mistake, or refused after storing something")
                .isEmpty();
    }

    /** The record's version now, as a client reads it in the ETag. */
    private static long version() {
        return raw.getCollection("records").find(Filters.eq("_id", record)).first().get("v", Number.class).longValue();
    }

    /** What the store holds that an operation could change: the record's document, the counts of its collections. */
    private static String holdings(List<String> collections) {
        Document stored = raw.getCollection("records").find(Filters.eq("_id", record)).first();
        StringBuilder holdings = new StringBuilder(stored.toJson());
        for (String collection : collections) {
            holdings.append(' ').append(collection).append('=').append(raw.getCollection(collection).countDocuments());
        }
        return holdings.toString();
    }

    /** Refuses what the endpoint refuses before the store sees it: fields it could not read. */
    private static void refuse(StoreException.Subject subject, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw StoreException.invalid(subject, errors);
        }
    }

    /** A body's text as an endpoint reads it, its content type checked: UTF-8, not blank. */
    private static String text(byte[] body) {
        return RequestParameters.requireBody(JsonBodies.text(body));
    }

    private static <T> T json(byte[] body, Class<T> type) throws JsonProcessingException {
        return JsonBodies.read(text(body), type);
    }

    private static void add(Map<String, List<String>> seeds, Map<String, Operation> operations,
            Map<String, List<String>> writes, String name, List<String> valid, List<String> collections,
            Operation operation) {
        seeds.put(name, valid);
        operations.put(name, operation);
        writes.put(name, collections);
    }

    private static String grant() {
        String content = Base64.getEncoder().encodeToString("%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return "{\"clientId\":\"city-statistics-bureau\",\"purpose\":\"statistics\",\"groups\":[\"profile\"],"
                + "\"recordIds\":[\"" + UUID.nameUUIDFromBytes(new byte[] {1}) + "\"],\"units\":[\"science/physics/2024-1\"],"
                + "\"expiresAt\":\"2099-09-01T00:00:00Z\",\"agreement\":{\"reference\":\"CSB-2026-007\","
                + "\"fileName\":\"agreement.pdf\",\"contentType\":\"application/pdf\",\"content\":\"" + content + "\"}}";
    }
}
