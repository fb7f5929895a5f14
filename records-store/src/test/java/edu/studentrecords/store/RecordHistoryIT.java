package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.backup.ProgressListener;
import edu.studentrecords.store.backup.StoreBackup;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.history.ChangedBy;
import edu.studentrecords.store.history.FieldChange;
import edu.studentrecords.store.history.HistoryEntry;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record's history against a real embedded store process: every change keeps the values it replaced and its new
 * ones, who made it and why, sealed with the record's key; readers see only what they may read now; a purge takes the
 * history with the record; a refused write leaves nothing to read.
 */
class RecordHistoryIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    static final String UNIT = "science/physics/2024-1";
    static final GeneratedStudents students = new GeneratedStudents(5101);
    static final LocalDate today = LocalDate.now();
    static final String adminSubject = UUID.randomUUID().toString();
    static final AccessContext admin = Principals.admin(adminSubject);
    static final String teacherSubject = UUID.randomUUID().toString();
    /** A teacher of the unit who reads profile and contact, writes contact, and reads no guardians or identity. */
    static final AccessContext teacher = Principals.staff(teacherSubject,
            Set.of("student.profile.read", "student.contact.read", "student.contact.write"), UNIT);
    static StudentRecords store;

    @BeforeAll
    static void start() {
        store = STORE.store();
    }

    private record Student(AccessContext ctx, String recordId, StudentRecord content) {
    }

    private static Student enrol() {
        String subject = UUID.randomUUID().toString();
        StudentRecord content = students.nextIn(UNIT, today);
        RecordView created = store.records().create(admin, content, subject);
        return new Student(Principals.self(subject), created.id(), content);
    }

    private static String newPhone() {
        return students.next(today).contact().mobilePhone();
    }

    private static String newName() {
        return students.next(today).profile().name();
    }

    private static MongoCollection<Document> raw() {
        return STORE.fixture().rawDatabase().getCollection("record_history");
    }

    private static AuditEntry lastEntry(String recordId) {
        return store.auditTrail().historyOf(recordId, null, null, 0, 1).get(0);
    }

    private static FieldChange only(HistoryEntry entry) {
        assertThat(entry.changes()).hasSize(1);
        return entry.changes().get(0);
    }

    @Test
    void everyKindOfChangeKeepsItsValuesBeforeAndAfterWithWhoAndWhy() {
        Student s = enrol();
        String oldPhone = s.content().contact().mobilePhone();
        String phone = newPhone();
        store.records().update(teacher, s.recordId(), 1, "{\"contact\":{\"mobilePhone\":\"" + phone + "\"}}");
        String name = newName();
        store.records().update(admin, s.recordId(), 2, "{\"profile\":{\"name\":\"" + name + "\"}}");
        store.self().update(s.ctx(), 3, "{\"contact\":{\"email\":\"own.change@students.example.edu\"}}");
        String corrected = newName();
        CorrectionRequest request = store.self().requestCorrection(s.ctx(),
                "{\"profile\":{\"name\":\"" + corrected + "\"}}", "Misspelt");
        AccessContext reviewer = Principals.admin(UUID.randomUUID().toString());
        store.corrections().approve(reviewer, request.id(), null);

        List<HistoryEntry> history = store.records().history(admin, s.recordId());

        assertThat(history).extracting(HistoryEntry::version).containsExactly(5L, 4L, 3L, 2L);
        HistoryEntry correction = history.get(0);
        assertThat(correction.operation()).isEqualTo("APPROVE_CORRECTION");
        assertThat(correction.by()).isEqualTo(new ChangedBy("ADMIN", null, reviewer.subject(), "campus-portal", null));
        assertThat(correction.purpose()).isEqualTo("administration");
        assertThat(only(correction).path()).isEqualTo("profile.name");
        assertThat(only(correction).before().asText()).isEqualTo(name);
        assertThat(only(correction).after().asText()).isEqualTo(corrected);

        HistoryEntry own = history.get(1);
        assertThat(own.by()).isEqualTo(new ChangedBy("SELF", null, s.ctx().subject(), "account-console", null));
        assertThat(own.purpose()).isNull();
        assertThat(only(own).path()).isEqualTo("contact.email");
        assertThat(only(own).before().asText()).isEqualTo(s.content().contact().email());
        assertThat(only(own).after().asText()).isEqualTo("own.change@students.example.edu");

        HistoryEntry byAdmin = history.get(2);
        assertThat(byAdmin.operation()).isEqualTo("UPDATE");
        assertThat(byAdmin.by()).isEqualTo(new ChangedBy("ADMIN", null, adminSubject, "campus-portal", null));
        assertThat(byAdmin.groups()).containsExactly(FieldGroup.PROFILE);
        assertThat(only(byAdmin).path()).isEqualTo("profile.name");
        assertThat(only(byAdmin).before().asText()).isEqualTo(s.content().profile().name());
        assertThat(only(byAdmin).after().asText()).isEqualTo(name);

        HistoryEntry byStaff = history.get(3);
        assertThat(byStaff.by()).isEqualTo(new ChangedBy("STAFF", UNIT, teacherSubject, "campus-portal", null));
        assertThat(byStaff.time()).isNotNull();
        assertThat(only(byStaff).path()).isEqualTo("contact.mobilePhone");
        assertThat(only(byStaff).before().asText()).isEqualTo(oldPhone);
        assertThat(only(byStaff).after().asText()).isEqualTo(phone);

        // The student sees the same history of their own record; each read is one entry of the audit trail.
        assertThat(store.self().history(s.ctx())).isEqualTo(history);
        AuditEntry read = lastEntry(s.recordId());
        assertThat(read.operation()).isEqualTo("READ_HISTORY");
        assertThat(read.subject()).isEqualTo(s.ctx().subject());
        assertThat(read.groups()).isEqualTo(FieldGroup.ALL);
    }

    @Test
    void staffSeeOnlyTheChangesOfGroupsTheyMayReadAndOnlyTheirFields() {
        Student s = enrol();
        String phone = newPhone();
        String guardianPhone = newPhone();
        store.records().update(teacher, s.recordId(), 1, "{\"contact\":{\"mobilePhone\":\"" + phone + "\"}}");
        String guardians = "{\"guardians\":[{\"name\":\"" + newName() + "\",\"relationship\":\"MOTHER\",\"phone\":\""
                + guardianPhone + "\",\"emergencyContact\":true}]}";
        store.records().update(admin, s.recordId(), 2, guardians);

        assertThat(store.records().history(admin, s.recordId())).extracting(HistoryEntry::version)
                .containsExactly(3L, 2L);
        assertThat(store.records().history(admin, s.recordId()).get(0).changes()).extracting(FieldChange::path)
                .contains("guardians[0].phone");

        long audit = auditCount();
        List<HistoryEntry> seen = store.records().history(teacher, s.recordId());
        assertThat(auditCount()).isEqualTo(audit + 1);
        assertThat(seen).extracting(HistoryEntry::version).containsExactly(2L);
        assertThat(seen.get(0).groups()).containsExactly(FieldGroup.CONTACT);
        assertThat(seen.toString() + seen.get(0).changes().get(0).after()).doesNotContain(guardianPhone);
        AuditEntry read = lastEntry(s.recordId());
        assertThat(read.operation()).isEqualTo("READ_HISTORY");
        assertThat(read.groups()).containsExactlyInAnyOrder(FieldGroup.PROFILE, FieldGroup.CONTACT);
    }

    @Test
    void anotherStudentOrAnotherUnitIsRefusedLikeARead() {
        Student s = enrol();
        store.records().update(admin, s.recordId(), 1, "{\"profile\":{\"name\":\"" + newName() + "\"}}");
        Student other = enrol();
        AccessContext otherTeacher = Principals.staff(UUID.randomUUID().toString(),
                Set.of("student.profile.read", "student.contact.read"), "arts/history/2023-1");

        long audit = auditCount();
        assertThatThrownBy(() -> store.records().history(other.ctx(), s.recordId())).is(Kinds.REFUSED_OR_NOT_FOUND);
        assertThatThrownBy(() -> store.records().history(otherTeacher, s.recordId())).is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> store.records().history(admin, UUID.randomUUID().toString())).is(Kinds.NOT_FOUND);
        assertThat(auditCount()).isEqualTo(audit + 3);
        assertThat(lastEntry(s.recordId()).operation()).isEqualTo("READ_HISTORY");
        // The other student's own history is theirs: nothing of the first record.
        assertThat(store.self().history(other.ctx())).isEmpty();
    }

    @Test
    void theStoredHistoryHoldsNoValueInClear() {
        Student s = enrol();
        String oldPhone = s.content().contact().mobilePhone();
        String phone = newPhone();
        String name = newName();
        store.records().update(teacher, s.recordId(), 1, "{\"contact\":{\"mobilePhone\":\"" + phone + "\"}}");
        store.records().update(admin, s.recordId(), 2, "{\"profile\":{\"name\":\"" + name + "\"}}");

        List<RawBsonDocument> stored = STORE.fixture().rawDatabase().getCollection("record_history", RawBsonDocument.class)
                .find(new Document("record", s.recordId())).into(new ArrayList<>());
        assertThat(stored).hasSize(2);
        for (RawBsonDocument doc : stored) {
            byte[] bson = new byte[doc.getByteBuffer().remaining()];
            doc.getByteBuffer().asNIO().get(bson);
            String text = new String(bson, StandardCharsets.UTF_8);
            assertThat(text).doesNotContain(oldPhone).doesNotContain(phone).doesNotContain(name)
                    .doesNotContain(s.content().profile().name()).doesNotContain("mobilePhone")
                    .doesNotContain(teacherSubject);
        }
    }

    @Test
    void aPurgeTakesTheHistoryWithTheRecord() {
        Student s = enrol();
        store.records().update(admin, s.recordId(), 1, "{\"profile\":{\"name\":\"" + newName() + "\"}}");
        store.records().update(teacher, s.recordId(), 2, "{\"contact\":{\"mobilePhone\":\"" + newPhone() + "\"}}");
        assertThat(raw().countDocuments(new Document("record", s.recordId()))).isEqualTo(2);

        Destructions.destroy(store, s.recordId(), "Left and asked for erasure");

        assertThat(raw().countDocuments(new Document("record", s.recordId()))).isZero();
        assertThatThrownBy(() -> store.records().history(admin, s.recordId())).is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> store.self().history(s.ctx())).is(Kinds.NOT_FOUND);
    }

    @Test
    void aRefusedOrLostWriteLeavesNoHistoryToRead() {
        Student s = enrol();
        store.records().update(admin, s.recordId(), 1, "{\"profile\":{\"name\":\"" + newName() + "\"}}");
        long stored = raw().countDocuments();

        assertThatThrownBy(() -> store.records().update(teacher, s.recordId(), 1,
                "{\"contact\":{\"mobilePhone\":\"" + newPhone() + "\"}}")).is(Kinds.STALE);
        assertThatThrownBy(() -> store.records().update(teacher, s.recordId(), 2,
                "{\"contact\":{\"mobilePhone\":\"not a phone\"}}")).is(Kinds.INVALID);
        assertThat(raw().countDocuments()).isEqualTo(stored);
        assertThat(store.records().history(admin, s.recordId())).extracting(HistoryEntry::version).containsExactly(2L);

        // An entry whose record write was lost (the process stopped in between) is for a version never reached: it is
        // not read, and the next change of that version is read instead.
        raw().insertOne(new Document("_id", UUID.randomUUID().toString()).append("record", s.recordId())
                .append("version", 3L).append("previous", null).append("at", new Date())
                .append("sealed", new Binary(new byte[40])));
        assertThat(store.records().history(admin, s.recordId())).extracting(HistoryEntry::version).containsExactly(2L);
        String phone = newPhone();
        store.records().update(teacher, s.recordId(), 2, "{\"contact\":{\"mobilePhone\":\"" + phone + "\"}}");
        List<HistoryEntry> history = store.records().history(admin, s.recordId());
        assertThat(history).extracting(HistoryEntry::version).containsExactly(3L, 2L);
        assertThat(only(history.get(0)).after().asText()).isEqualTo(phone);
    }

    @Test
    void aConfirmationChangesNoFieldAndShowsNoChangeButKeepsTheHistoryBeforeIt() {
        Student s = enrol();
        String phone = newPhone();
        store.self().update(s.ctx(), 1, "{\"contact\":{\"mobilePhone\":\"" + phone + "\"}}");
        store.self().confirm(s.ctx());
        store.self().update(s.ctx(), 3, "{\"contact\":{\"email\":\"after.confirm@students.example.edu\"}}");

        assertThat(store.self().history(s.ctx())).extracting(HistoryEntry::version).containsExactly(4L, 2L);
    }

    @Test
    void aBackupCarriesTheHistoryWithItsRecordsAndARestoreDropsThatOfADestroyedStudent(@TempDir Path dir)
            throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords own = fixture.store();
            String kept = own.records().create(admin, students.nextIn(UNIT, today), null).id();
            String destroyed = own.records().create(admin, students.nextIn(UNIT, today), null).id();
            String name = newName();
            own.records().update(admin, kept, 1, "{\"profile\":{\"name\":\"" + name + "\"}}");
            own.records().update(admin, destroyed, 1, "{\"profile\":{\"name\":\"" + newName() + "\"}}");
            Path file = dir.resolve("with-history.backup");
            try (StoreBackup backup = StoreBackup.connect(fixture.settings())) {
                backup.backup(file, ProgressListener.NONE);
            }
            Destructions.destroy(own, destroyed, "Retention period over");
            fixture.closeStore();
            fixture.rawDatabase().drop();
            try (StoreBackup backup = StoreBackup.connect(fixture.settings())) {
                backup.restore(file, ProgressListener.NONE);
            }

            StudentRecords restored = fixture.reopenStore();
            List<HistoryEntry> history = restored.records().history(admin, kept);
            assertThat(history).extracting(HistoryEntry::version).containsExactly(2L);
            assertThat(only(history.get(0)).after().asText()).isEqualTo(name);
            MongoCollection<Document> entries = fixture.rawDatabase().getCollection("record_history");
            assertThat(entries.countDocuments(new Document("record", destroyed))).isZero();
            assertThatThrownBy(() -> restored.records().history(admin, destroyed)).is(Kinds.NOT_FOUND);
        }
    }

    private static long auditCount() {
        return STORE.fixture().rawDatabase().getCollection("audit_entries").countDocuments();
    }
}
