package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.studentrecords.store.enrolment.EnrolmentFile;
import edu.studentrecords.store.enrolment.EnrolmentRow;
import edu.studentrecords.store.internal.mongo.RecordJson;
import edu.studentrecords.store.internal.mongo.RecordMergePatch;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.GeneratedBodies;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.InputTally;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PlainTexts;
import edu.studentrecords.store.validation.RecordValidator;
import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Generated input through the store's own reading of text: JSON merge patches (of {@code PATCH /records/{id}},
 * {@code PATCH /me} and correction requests) parsed, applied to a record and validated; NDJSON enrolment files read
 * row by row and each row validated. Every input is either accepted as a valid record or refused as the store refuses
 * input ({@code MALFORMED}, {@code INVALID}, {@code TOO_LARGE}, field errors of a row), never with any other
 * exception. The seed is {@code -Dgenerated.seed} (fixed by default), so a failure is replayed.
 */
class GeneratedStoreInputTest {

    static final long SEED = Long.getLong("generated.seed", 20_261_205L);
    private static final int PATCHES = 30_000;
    private static final int NDJSON_FILES = 2_000;
    private static final int LINES_PER_FILE = 5;
    private static final LocalDate TODAY = LocalDate.of(2026, 9, 1);
    private static final RecordValidator VALIDATOR = new RecordValidator(Clock.systemUTC());
    private static final List<String> PATCH_SEEDS = List.of(
            "{\"contact\":{\"homeAddress\":\"1号 人民路\"}}",
            "{\"contact\":{\"mobilePhone\":\"13912345678\",\"email\":\"s1@students.example.edu\"}}",
            "{\"contact\":{\"email\":null}}",
            "{\"profile\":{\"name\":\"欧阳小明\",\"status\":\"SUSPENDED\"}}",
            "{\"profile\":{\"leavingDate\":\"2026-07-01\",\"status\":\"GRADUATED\",\"unit\":\"arts/history/2023-1\"}}",
            "{\"identity\":{\"nativePlace\":{\"code\":\"110101\",\"name\":null}}}",
            "{\"guardians\":[{\"name\":\"李娜\",\"relationship\":\"MOTHER\",\"phone\":\"13712345678\","
                    + "\"emergencyContact\":true}]}");

    @AfterAll
    static void closeValidator() {
        VALIDATOR.close();
    }

    @Test
    void mergePatchesAreAppliedAsValidRecordsOrRefusedAsInput() {
        GeneratedBodies bodies = new GeneratedBodies(SEED);
        StudentRecord base = new GeneratedStudents(SEED).next(TODAY);
        InputTally tally = new InputTally("merge patches", GeneratedStoreInputTest::storeRefusal);
        for (int i = 0; i < PATCHES; i++) {
            GeneratedBodies.Body body = bodies.next(PATCH_SEEDS.get(i % PATCH_SEEDS.size()));
            tally.read(body, () -> {
                StudentRecord after = RecordMergePatch.parse(body.text()).applyTo(base);
                requireValid(VALIDATOR.validate(after));
                assertPlainText(after);
            });
        }
        report(tally, PATCHES);
    }

    @Test
    void ndjsonRowsAreReadAsValidRecordsOrRefusedRowByRow() throws JsonProcessingException {
        GeneratedBodies bodies = new GeneratedBodies(SEED + 1);
        GeneratedStudents students = new GeneratedStudents(SEED + 1);
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            seeds.add(RecordJson.mapper().writeValueAsString(students.next(TODAY)));
        }
        InputTally files = new InputTally("NDJSON files", GeneratedStoreInputTest::storeRefusal);
        InputTally rows = new InputTally("NDJSON rows", GeneratedStoreInputTest::storeRefusal);
        for (int i = 0; i < NDJSON_FILES; i++) {
            StringBuilder file = new StringBuilder();
            List<GeneratedBodies.Body> lines = new ArrayList<>();
            for (int line = 0; line < LINES_PER_FILE; line++) {
                GeneratedBodies.Body body = bodies.next(seeds.get((i + line) % seeds.size()));
                lines.add(body);
                file.append(body.text()).append('\n');
            }
            files.read(lines, () -> {
                for (EnrolmentRow row : EnrolmentFile.readNdjson(new StringReader(file.toString()), 10_000)) {
                    rows.read(lines, () -> {
                        if (!row.errors().isEmpty()) {
                            throw StoreException.invalid(row.errors());
                        }
                        requireValid(VALIDATOR.validate(row.content()));
                        PlainTexts.error("ownerSubject", row.ownerSubject(), false).ifPresent(error -> {
                            throw StoreException.invalid(List.of(error));
                        });
                        assertPlainText(row.content());
                    });
                }
            });
        }
        report(files, NDJSON_FILES);
        report(rows, 1);
    }

    /** The kind of a refusal of input by the store, or null for anything else. */
    static String storeRefusal(Throwable t) {
        if (t instanceof StoreException e && (e.is(StoreException.Kind.MALFORMED) || e.is(StoreException.Kind.INVALID)
                || e.is(StoreException.Kind.TOO_LARGE))) {
            return e.kind().name();
        }
        return null;
    }

    private static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw StoreException.invalid(errors);
        }
    }

    /** A record the store accepts holds no text a person could not have typed. */
    private static void assertPlainText(StudentRecord record) {
        List<String> texts = new ArrayList<>(List.of(record.profile().name(), record.contact().homeAddress(),
                record.contact().mobilePhone()));
        record.guardians().forEach(g -> texts.add(g.name()));
        assertThat(texts).allSatisfy(text -> assertThat(PlainTexts.brokenRule(text, false)).isEmpty());
    }

    private static void report(InputTally tally, int expected) {
        System.out.println("Generated input, seed " + SEED + ": " + tally.summary());
        assertThat(tally.total()).isGreaterThanOrEqualTo(expected);
        assertThat(tally.failures()).as("inputs neither accepted nor refused as input").isEmpty();
    }
}
