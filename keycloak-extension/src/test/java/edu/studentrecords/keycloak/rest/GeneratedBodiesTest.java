package edu.studentrecords.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemMapper;
import edu.studentrecords.keycloak.rest.representation.CentreReportRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionRequestRepresentation;
import edu.studentrecords.keycloak.rest.representation.EnrolmentRepresentation;
import edu.studentrecords.keycloak.rest.representation.GrantRepresentation;
import edu.studentrecords.keycloak.rest.representation.ImportFileRepresentation;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.keycloak.rest.representation.MisuseReportRepresentation;
import edu.studentrecords.keycloak.rest.representation.PurgeRequestRepresentation;
import edu.studentrecords.keycloak.rest.representation.RealmSettingsRepresentation;
import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.keycloak.settings.RealmSettings;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.enrolment.EnrolmentRow;
import edu.studentrecords.store.reports.Triage;
import edu.studentrecords.store.testing.GeneratedBodies;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.InputTally;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PlainTexts;
import edu.studentrecords.store.validation.RecordValidator;
import edu.studentrecords.store.validation.StrictJson;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Generated bodies through every JSON body reader of the API, read as the endpoint reads them (UTF-8, strict JSON,
 * {@link JsonBodies}) and turned into what the endpoint hands the store, with the validation that needs no store (a
 * record's rules, the settings' and the retention policy's, the import's rows): each body is either accepted or refused
 * as {@link ProblemMapper} answers a client's mistake (a 4xx problem), never with another exception, which the API
 * would answer 500. What the store then does with accepted bodies, and that a refused one stores nothing, is
 * {@code RefusedBodiesStoreIT}'s; merge patches, which the store reads itself, are also generated in the store's own
 * tests. The seed is {@code -Dgenerated.seed} (fixed by default), so a failure is replayed.
 */
class GeneratedBodiesTest {

    static final long SEED = Long.getLong("generated.seed", 20_261_205L);
    private static final int PER_READER = 5_000;
    private static final int IMPORT_FILES = 1_000;
    private static final LocalDate TODAY = LocalDate.of(2026, 9, 1);
    private static final RecordValidator VALIDATOR = new RecordValidator(Clock.systemUTC());

    /** How one endpoint reads its body up to the store; throws as the endpoint would. */
    @FunctionalInterface
    interface Reading {
        Object read(byte[] body) throws Exception;
    }

    @AfterAll
    static void closeValidator() {
        VALIDATOR.close();
    }

    @Test
    void everyJsonBodyReaderAcceptsOrRefusesAsAClientMistake() throws JsonProcessingException {
        List<String> enrolments = enrolments();
        Map<String, List<String>> seeds = new java.util.LinkedHashMap<>();
        Map<String, Reading> readers = new java.util.LinkedHashMap<>();
        add(seeds, readers, "POST /records", enrolments, body -> {
            EnrolmentRepresentation enrolment = json(body, EnrolmentRepresentation.class);
            List<FieldError> errors = new ArrayList<>(VALIDATOR.validate(enrolment.content()));
            PlainTexts.error("ownerSubject", enrolment.ownerSubject(), false).ifPresent(errors::add);
            requireValid(errors);
            return enrolment;
        });
        add(seeds, readers, "PATCH /records/{id}, PATCH /me", List.of(
                "{\"contact\":{\"homeAddress\":\"1号 人民路\"}}",
                "{\"profile\":{\"name\":\"欧阳小明\"},\"guardians\":[{\"name\":\"李娜\",\"relationship\":\"MOTHER\","
                        + "\"phone\":\"13712345678\",\"emergencyContact\":true}]}"),
                GeneratedBodiesTest::text);
        add(seeds, readers, "POST /me/corrections", List.of(
                "{\"changes\":{\"profile\":{\"name\":\"王小明\"}},\"reason\":\"Spelt as on the ID card\"}",
                "{\"changes\":{\"identity\":{\"nativePlace\":{\"code\":\"110101\"}}},\"reason\":\"Moved.\\nSee file.\"}"),
                body -> json(body, CorrectionRequestRepresentation.class).changesText());
        add(seeds, readers, "POST /me/reports", List.of(
                "{\"message\":\"Who read my record on Monday?\",\"auditEntries\":[12,13]}",
                "{\"message\":\"第一行\\n第二行\",\"auditEntries\":[]}"),
                body -> json(body, MisuseReportRepresentation.Request.class));
        add(seeds, readers, "POST /corrections/{id}/approve, /reject", List.of(
                "{\"note\":\"Checked against the ID card.\"}", "{\"reason\":\"The card says otherwise.\"}"),
                CorrectionsResource::decision);
        add(seeds, readers, "POST /records/{id}/purge-requests", List.of("{\"reason\":\"Enrolled twice by mistake\"}"),
                body -> PurgeRequestsResource.reasonOf(json(body, PurgeRequestRepresentation.Filing.class)));
        add(seeds, readers, "POST /records/{id}/legal-holds", List.of("{\"reason\":\"Court order 2026-17\"}"),
                body -> json(body, RetentionRepresentation.HoldRequest.class));
        add(seeds, readers, "POST /records/{id}/paper-copies", List.of(
                "{\"location\":\"Cabinet 3, registry\",\"custodian\":\"Registrar\",\"destroyBy\":\"2031-01-31\"}"),
                body -> {
                    List<FieldError> errors = RetentionRepresentation.errors();
                    json(body, RetentionRepresentation.PaperCopyRequest.class).destroyByDate(errors);
                    requireValid(errors);
                    return errors;
                });
        add(seeds, readers, "PUT /retention/policy", List.of(
                "{\"archiveOn\":[\"GRADUATED\",\"WITHDRAWN\",\"TRANSFERRED\"],\"destroyAfterDays\":1825,"
                        + "\"archiveRetentionDays\":3650}", "{\"archiveOn\":[],\"destroyAfterDays\":1,\"archiveRetentionDays\":0}"),
                body -> {
                    List<FieldError> errors = RetentionRepresentation.errors();
                    json(body, RetentionRepresentation.Policy.class).toPolicy(errors);
                    requireValid(errors);
                    return errors;
                });
        add(seeds, readers, "POST /retention/runs", List.of("{\"dryRun\":true}", "{\"dryRun\":false}"),
                body -> RetentionResource.dryRunOf(json(body, RetentionRepresentation.RunRequest.class)));
        add(seeds, readers, "PUT /settings", List.of(
                "{\"purposes\":[\"teaching\",\"administration\"],\"purposesByRole\":{\"records-staff\":[\"teaching\"]},"
                        + "\"verificationPeriodDays\":180,\"centreEmail\":"
                        + "\"centre@school.example\",\"selfCheck\":{\"readsPerHour\":200,\"workday\":\"07:00-22:00\","
                        + "\"zone\":\"Asia/Shanghai\",\"staleAdminDays\":90}}"),
                body -> {
                    List<FieldError> errors = RealmSettings.errors(json(body, RealmSettingsRepresentation.class));
                    requireValid(errors);
                    return errors;
                });
        add(seeds, readers, "POST /reports/{id}/triage", List.of(
                "{\"severity\":\"HIGH\",\"assignee\":\"erin.registrar\",\"linkedEntries\":[3,4]}",
                "{\"severity\":\"LOW\",\"assignee\":null,\"linkedEntries\":[]}"),
                body -> {
                    CentreReportRepresentation.TriageRequest asked = json(body,
                            CentreReportRepresentation.TriageRequest.class);
                    return new Triage(asked.severity(), asked.assignee(), asked.linkedEntries());
                });
        add(seeds, readers, "POST /reports/{id}/resolve", List.of("{\"outcome\":\"Checked: the reads were for teaching.\"}"),
                body -> json(body, CentreReportRepresentation.ResolveRequest.class));
        add(seeds, readers, "POST /grants", List.of(grant("application/pdf", "%PDF-1.7\n%%EOF\n"),
                grant("image/png", "\u0089PNG\r\n\u001a\n")),
                body -> json(body, GrantRepresentation.Request.class).toRequest(java.util.Set.of()));

        GeneratedBodies bodies = new GeneratedBodies(SEED);
        long total = 0;
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Reading> reader : readers.entrySet()) {
            InputTally tally = new InputTally(reader.getKey(), GeneratedBodiesTest::clientMistake);
            List<String> valid = seeds.get(reader.getKey());
            for (int i = 0; i < PER_READER; i++) {
                GeneratedBodies.Body body = bodies.next(valid.get(i % valid.size()));
                tally.read(body, () -> reader.getValue().read(body.bytes()));
            }
            // Every reader accepts its valid bodies: the generator leaves some as they are.
            assertThat(tally.accepted()).as(reader.getKey() + " accepts something").isPositive();
            System.out.println("Generated bodies, seed " + SEED + ": " + tally.summary());
            total += tally.total();
            failures.addAll(tally.failures());
        }
        System.out.println("Generated bodies, seed " + SEED + ": " + total + " bodies through " + readers.size()
                + " readers");
        assertThat(failures).as("bodies neither accepted nor refused as a client's mistake").isEmpty();
    }

    @Test
    void importFilesOfGeneratedRowsAreReadRowByRowOrRefusedWhole() throws JsonProcessingException {
        List<String> enrolments = enrolments();
        GeneratedBodies bodies = new GeneratedBodies(SEED + 2);
        InputTally files = new InputTally("POST /records:import (NDJSON files)", GeneratedBodiesTest::clientMistake);
        InputTally rows = new InputTally("POST /records:import (NDJSON rows)", GeneratedBodiesTest::clientMistake);
        ImportFileRepresentation ndjson = ImportFileRepresentation.of(new MediaType("application", "x-ndjson"));
        for (int i = 0; i < IMPORT_FILES; i++) {
            java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
            List<GeneratedBodies.Body> lines = new ArrayList<>();
            for (int line = 0; line < 5; line++) {
                GeneratedBodies.Body body = bodies.next(enrolments.get((i + line) % enrolments.size()));
                lines.add(body);
                file.writeBytes(body.bytes());
                file.write('\n');
            }
            files.read(lines, () -> {
                for (EnrolmentRow row : ndjson.rows(new ByteArrayInputStream(file.toByteArray()))) {
                    rows.read(lines, () -> {
                        requireValid(row.errors());
                        requireValid(VALIDATOR.validate(row.content()));
                    });
                }
            });
        }
        System.out.println("Generated bodies, seed " + SEED + ": " + files.summary());
        System.out.println("Generated bodies, seed " + SEED + ": " + rows.summary());
        assertThat(files.total()).isEqualTo(IMPORT_FILES);
        assertThat(files.failures()).isEmpty();
        assertThat(rows.failures()).isEmpty();
    }

    /**
     * {@code status type} of the problem a client's mistake is answered with (the API's own refusals, a body that is
     * not JSON, a refusal of the store that {@link ProblemMapper} answers 4xx), or null for anything else.
     */
    static String clientMistake(Throwable t) {
        if (!(t instanceof BadRequest || t instanceof JsonProcessingException || t instanceof StoreException)) {
            return null;
        }
        Problem problem;
        try {
            problem = ProblemMapper.from((Exception) t);
        } catch (RuntimeException e) {
            return null;
        }
        return problem.status() >= 400 && problem.status() < 500
                ? problem.status() + " " + problem.type().substring(problem.type().lastIndexOf('/') + 1) : null;
    }

    /** A body's text as an endpoint reads it, its content type checked: UTF-8, not blank. */
    private static String text(byte[] body) {
        return RequestParameters.requireBody(JsonBodies.text(body));
    }

    private static <T> T json(byte[] body, Class<T> type) throws JsonProcessingException {
        return JsonBodies.read(text(body), type);
    }

    private static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw StoreException.invalid(errors);
        }
    }

    private static void add(Map<String, List<String>> seeds, Map<String, Reading> readers, String name,
            List<String> valid, Reading reading) {
        seeds.put(name, valid);
        readers.put(name, reading);
    }

    /** Bodies of {@code POST /records} (and NDJSON rows): generated students, one linked to a user. */
    private static List<String> enrolments() throws JsonProcessingException {
        GeneratedStudents students = new GeneratedStudents(SEED);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var record = students.next(TODAY);
            bodies.add(StrictJson.mapper().writeValueAsString(new EnrolmentRepresentation(record.profile(),
                    record.identity(), record.contact(), record.guardians(),
                    i % 2 == 0 ? null : "0b7c5e2a-4d1f-4c47-9a53-6f1a8f2d9c10")));
        }
        return bodies;
    }

    private static String grant(String type, String fileStart) {
        String content = Base64.getEncoder().encodeToString(
                (fileStart + "generated agreement").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return "{\"clientId\":\"city-statistics-bureau\",\"purpose\":\"statistics\",\"groups\":[\"profile\"],"
                + "\"recordIds\":[\"0b7c5e2a-4d1f-4c47-9a53-6f1a8f2d9c10\"],\"units\":[\"science/physics/2024-1\"],"
                + "\"expiresAt\":\"2027-09-01T00:00:00Z\",\"agreement\":{\"reference\":\"CSB-2026-007\","
                + "\"fileName\":\"agreement.pdf\",\"contentType\":\"" + type + "\",\"content\":\"" + content + "\"}}";
    }
}
