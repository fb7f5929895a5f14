package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreUnderTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The store's operations, against whatever engine a subclass names: the embedded store process in every build
 * ({@link RecordStoreIT}), a real three-member MongoDB replica set where a Docker engine is
 * ({@link ReplicaSetRecordStoreIT}). The same assertions hold on both; the last test checks that every query these
 * tests made the store send is served by an index.
 */
abstract class RecordStoreContract extends StoreContract {

    final GeneratedStudents students = new GeneratedStudents(42);
    final LocalDate today = LocalDate.now();
    final AccessContext admin = Principals.admin(UUID.randomUUID().toString());

    @Override
    List<String> expectedQueryShapes() {
        return List.of(
                "find records {_id} limited", // a record by its id
                "find records {profile.studentNumber} limited", // by student number
                "find records {rid} limited", // by the blind index of the resident ID number
                "find records {owner} limited", // a student's own record
                "update records {rv} limited", // a write conditional on the version, by its id and version
                "find audit_by_record {_id} limited", // a record's access log: its directory
                "find audit_entries {_id:{$in:[?]}}", // ... and its entries by sequence
                "find audit_entries {_id:{$gt:?}} limited"); // the audit trail from a sequence on
    }

    private long auditCount() {
        return target().rawDatabase().getCollection("audit_entries").countDocuments();
    }

    @Test
    void enrolsReadsAndLooksUpByStudentNumber() {
        StudentRecord content = students.next(today);
        RecordView created = store.records().create(admin, content, null);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.groups()).isEqualTo(FieldGroup.ALL);
        assertThat(UUID.fromString(created.id()).version()).as("a time-ordered id").isEqualTo(7);

        RecordView read = store.records().read(admin, created.id());
        assertThat(read.profile()).isEqualTo(content.profile());
        assertThat(read.identity().residentIdNumber()).isEqualTo(content.identity().residentIdNumber());
        assertThat(read.contact()).isEqualTo(content.contact());
        assertThat(read.guardians()).isEqualTo(content.guardians());

        assertThat(store.records().findByStudentNumber(admin, content.profile().studentNumber()).id()).isEqualTo(created.id());
        assertThat(store.records().findByResidentIdNumber(admin, content.identity().residentIdNumber().toLowerCase()).id())
                .isEqualTo(created.id());
        String spaced = "+86 " + content.contact().mobilePhone().substring(0, 3) + " "
                + content.contact().mobilePhone().substring(3);
        assertThat(store.records().findByPhone(admin, spaced)).extracting(RecordView::id).contains(created.id());
    }

    @Test
    void refusesADuplicateStudentNumberOrResidentIdNamingTheFieldOnly() {
        StudentRecord first = students.next(today);
        store.records().create(admin, first, null);
        StudentRecord sameNumber = withStudentNumber(students.next(today), first.profile().studentNumber());
        assertThatThrownBy(() -> store.records().create(admin, sameNumber, null))
                .is(Kinds.CONFLICT)
                .hasMessageNotContaining(first.profile().studentNumber())
                .extracting(e -> ((StoreException) e).errors().get(0).field()).isEqualTo("profile.studentNumber");
        StudentRecord other = students.next(today);
        var op = other.profile();
        StudentRecord sameId = new StudentRecord(new edu.studentrecords.store.model.Profile(op.studentNumber(), op.name(),
                first.profile().gender(), op.status(), op.unit(), op.enrolmentDate(), op.leavingDate()),
                first.identity(), other.contact(), other.guardians());
        assertThatThrownBy(() -> store.records().create(admin, sameId, null))
                .is(Kinds.CONFLICT)
                .extracting(e -> ((StoreException) e).errors().get(0).field()).isEqualTo("identity.residentIdNumber");
    }

    @Test
    void refusesAnInvalidRecordNamingTheFieldWithoutTheValue() {
        StudentRecord valid = students.next(today);
        String bad = valid.identity().residentIdNumber().substring(0, 17)
                + (valid.identity().residentIdNumber().charAt(17) == '0' ? '1' : '0');
        StudentRecord invalid = new StudentRecord(valid.profile(),
                new Identity(bad, valid.identity().dateOfBirth(), valid.identity().nativePlace()), valid.contact(), valid.guardians());
        assertThatThrownBy(() -> store.records().create(admin, invalid, null))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.errors()).extracting(f -> f.field()).contains("identity.residentIdNumber");
                    assertThat(e.errors().toString()).doesNotContain(bad);
                });
        assertThatThrownBy(() -> store.records().findByStudentNumber(admin, valid.profile().studentNumber()))
                .is(Kinds.NOT_FOUND);
    }

    @Test
    void patchesWithVersionsRefusingStaleAndInvalidChangesAndLeavingTheRecordAsItWas() {
        RecordView created = store.records().create(admin, students.next(today), null);
        RecordView patched = store.records().update(admin, created.id(), 1, "{\"contact\":{\"email\":\"new@students.example.edu\"}}");
        assertThat(patched.version()).isEqualTo(2);
        assertThat(patched.contact().email()).isEqualTo("new@students.example.edu");
        assertThat(patched.contact().mobilePhone()).isEqualTo(created.contact().mobilePhone());

        assertThatThrownBy(() -> store.records().update(admin, created.id(), 1, "{\"contact\":{\"email\":\"x@students.example.edu\"}}"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        assertThatThrownBy(() -> store.records().update(admin, created.id(), 2, "{\"identity\":{\"residentIdNumber\":\"12345\"}}"))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).contains("identity.residentIdNumber"));
        assertThatThrownBy(() -> store.records().update(admin, created.id(), 2, "{\"grades\":{}}"))
                .is(Kinds.INVALID);
        assertThatThrownBy(() -> store.records().update(admin, created.id(), 2, "[1,2]"))
                .is(Kinds.MALFORMED);
        assertThatThrownBy(() -> store.records().update(admin, created.id(), 2, "{}"))
                .is(Kinds.MALFORMED);

        RecordView after = store.records().read(admin, created.id());
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.contact().email()).isEqualTo("new@students.example.edu");
        assertThat(after.identity()).isEqualTo(created.identity());
    }

    @Test
    void staffSeeTheirUnitsOnlyAndOnlyTheGroupsTheirScopesName() {
        RecordView mine = store.records().create(admin, students.nextIn("science/physics/2024-1", today), null);
        RecordView foreign = store.records().create(admin, students.nextIn("arts/history/2023-1", today), null);
        AccessContext teacher = Principals.staff(UUID.randomUUID().toString(),
                Set.of("student.profile.read", "student.contact.read"), "science/physics");

        RecordView seen = store.records().read(teacher, mine.id());
        assertThat(seen.groups()).containsExactlyInAnyOrder(FieldGroup.PROFILE, FieldGroup.CONTACT);
        assertThat(seen.identity()).isNull();
        assertThat(seen.guardians()).isNull();
        assertThatThrownBy(() -> store.records().read(teacher, foreign.id())).is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> store.records().update(teacher, mine.id(), 1, "{\"contact\":{\"email\":\"t@students.example.edu\"}}"))
                .is(Kinds.REFUSED);
        assertThat(store.records().read(admin, mine.id()).version()).isEqualTo(1);
        assertThatThrownBy(() -> store.records().findByResidentIdNumber(teacher, store.records().read(admin, mine.id()).identity().residentIdNumber()))
                .is(Kinds.NOT_FOUND);
    }

    @Test
    void aStudentReadsAndEditsOwnContactButNotOwnIdentity() {
        String subject = UUID.randomUUID().toString();
        RecordView created = store.records().create(admin, students.next(today), subject);
        AccessContext self = Principals.self(subject);
        assertThat(store.self().read(self).id()).isEqualTo(created.id());
        assertThat(store.self().update(self, 1, "{\"contact\":{\"homeAddress\":\"8号 学府路\"}}").contact().homeAddress())
                .isEqualTo("8号 学府路");
        assertThatThrownBy(() -> store.self().update(self, 2, "{\"profile\":{\"name\":\"改名\"}}"))
                .is(Kinds.REFUSED);
        assertThatThrownBy(() -> store.self().read(Principals.self(UUID.randomUUID().toString())))
                .is(Kinds.NOT_FOUND);
    }

    @Test
    void everyCallLeavesExactlyOneAuditEntryAllowedOrDenied() {
        RecordView created = store.records().create(admin, students.next(today), null);
        AccessContext outsider = Principals.staff(UUID.randomUUID().toString(), Set.of("student.profile.read"), "arts");
        long before = auditCount();
        store.records().read(admin, created.id());
        assertThatThrownBy(() -> store.records().read(outsider, created.id())).is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> store.records().read(admin, UUID.randomUUID().toString())).is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> store.records().update(admin, created.id(), 7, "{\"contact\":{\"email\":\"e@students.example.edu\"}}"))
                .is(Kinds.STALE);
        assertThat(auditCount()).isEqualTo(before + 4);
        assertThat(store.auditTrail().verify().intact()).isTrue();
        List<AuditEntry> history = store.auditTrail().historyOf(created.id(), null, null, 0, 10);
        assertThat(history).extracting(AuditEntry::decision).startsWith(Decision.ALLOW, Decision.DENY, Decision.ALLOW);
        assertThat(store.auditTrail().verify().intact()).isTrue();
    }

    @Test
    void aSearchIsDecidedByTheSearchScopeAndLeavesOneAuditEntryNamingTheIdsReturned() {
        RecordView returned = store.records().create(admin, students.next(today), null);
        RecordView notReturned = store.records().create(admin, students.next(today), null);
        FrozenIndex index = new FrozenIndex(store.changes().head(), 1)
                .holding(returned.id(), returned.profile().unit())
                .holding(notReturned.id(), notReturned.profile().unit());
        long before = auditCount();
        FrozenIndex.Answer result = store.records().search(admin, index);
        assertThat(result.ids()).containsExactly(returned.id());
        assertThat(result.total()).isEqualTo(2);
        assertThat(index.scopes).singleElement().satisfies(scope -> assertThat(scope.allUnits()).isTrue());
        assertThat(index.closed).isEqualTo(1);
        assertThat(auditCount()).isEqualTo(before + 1);
        AuditEntry entry = store.auditTrail().range(before + 1, 1).get(0);
        assertThat(entry.operation()).isEqualTo("SEARCH");
        assertThat(entry.decision()).isEqualTo(Decision.ALLOW);
        assertThat(entry.recordIds()).containsExactly(returned.id());
        assertThat(entry.groups()).containsExactly(FieldGroup.PROFILE);
        assertThat(store.auditTrail().historyOf(returned.id(), null, null, 0, 1)).extracting(AuditEntry::sequence)
                .containsExactly(entry.sequence());
        assertThat(store.auditTrail().historyOf(notReturned.id(), null, null, 0, 1)).extracting(AuditEntry::sequence)
                .doesNotContain(entry.sequence());

        AccessContext withoutSearchScope = Principals.staff(UUID.randomUUID().toString(), Set.of("student.profile.read"),
                "science");
        assertThatThrownBy(() -> store.records().search(withoutSearchScope, index)).is(Kinds.REFUSED)
                .satisfies(e -> assertThat(DenialReason.valueOf(((StoreException) e).code()))
                        .isEqualTo(DenialReason.SCOPE_MISSING));
        assertThat(index.scopes).hasSize(1);
        assertThat(auditCount()).isEqualTo(before + 2);
        AuditEntry refused = store.auditTrail().range(before + 2, 1).get(0);
        assertThat(refused.decision()).isEqualTo(Decision.DENY);
        assertThat(refused.reason()).isEqualTo("SCOPE_MISSING");
        assertThat(refused.recordIds()).isEmpty();

        assertThatThrownBy(() -> store.records().search(admin, scope -> {
            throw new IllegalStateException("index unavailable");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(auditCount()).isEqualTo(before + 3);
        assertThat(store.auditTrail().range(before + 3, 1).get(0).reason()).isEqualTo("SEARCH_FAILED");
        assertThat(store.auditTrail().verify().intact()).isTrue();
    }

    @Test
    void destroyingARecordRemovesItAndItsKeyForEveryone() {
        RecordView created = store.records().create(admin, students.next(today), null);
        Destruction destruction = Destructions.destroy(store, created.id(), "retention period over");
        assertThat(destruction.lastVersion()).isEqualTo(1);
        assertThatThrownBy(() -> store.records().read(admin, created.id())).is(Kinds.NOT_FOUND);
        assertThat(target().rawDatabase().getCollection("record_keys").find(new Document("_id", created.id())).first()).isNull();
        assertThat(target().rawDatabase().getCollection("records").find(new Document("_id", created.id())).first()).isNull();
    }

    @Test
    void aRecordMovedByAnotherNodeIsDecidedOnItsStoredUnitNotOnWhatThisNodeRemembers() {
        RecordView record = store.records().create(admin, students.nextIn("science/chemistry/2024-1", today), null);
        AccessContext chemistryTeacher = Principals.staff(UUID.randomUUID().toString(), Set.of("student.profile.read"),
                "science/chemistry");
        assertThat(store.records().read(chemistryTeacher, record.id()).profile().unit()).isEqualTo("science/chemistry/2024-1");

        try (StudentRecords otherNode = target().connect(queries)) {
            otherNode.records().update(admin, record.id(), 1, "{\"profile\":{\"unit\":\"arts/history/2023-1\"}}");
        }
        assertThatThrownBy(() -> store.records().read(chemistryTeacher, record.id())).is(Kinds.NOT_FOUND);
        List<AuditEntry> history = store.auditTrail().historyOf(record.id(), null, null, 0, 2);
        // The read was first decided on the remembered unit, then revised on the stored one: both are on record.
        assertThat(history).extracting(AuditEntry::decision).containsExactly(Decision.DENY, Decision.ALLOW);
        assertThat(history.get(0).reason()).isEqualTo("OUTSIDE_UNITS");
        AccessContext historyTeacher = Principals.staff(UUID.randomUUID().toString(), Set.of("student.profile.read"), "arts");
        assertThat(store.records().read(historyTeacher, record.id()).version()).isEqualTo(2);
    }

    @Test
    void aStudentConfirmsTheRecordAndSeesWhoAccessedIt() {
        String subject = UUID.randomUUID().toString();
        RecordView created = store.records().create(admin, students.next(today), subject);
        AccessContext self = Principals.self(subject);
        store.records().read(admin, created.id());

        RecordView confirmed = store.self().confirm(self);
        assertThat(confirmed.version()).isEqualTo(created.version() + 1);
        assertThat(confirmed.verifiedAt()).isNotNull();
        assertThat(store.records().read(admin, created.id()).verifiedAt()).isEqualTo(confirmed.verifiedAt());

        List<AuditEntry> log = store.self().accessLog(self, null, null, 0, 50);
        // Newest first: the look-up of the log itself, the registrar's check, the confirmation, the registrar's read, the enrolment.
        assertThat(log).extracting(AuditEntry::operation).containsExactly("READ_ACCESS_LOG", "READ", "VERIFY", "READ", "CREATE");
        assertThat(log).extracting(AuditEntry::recordId).containsOnly(created.id());
        assertThat(log).filteredOn(e -> e.operation().equals("READ")).extracting(AuditEntry::subject).contains(admin.subject());

        SelfExport export = store.self().export(self);
        assertThat(export.record().groups()).isEqualTo(FieldGroup.ALL);
        assertThat(export.accessLog()).extracting(AuditEntry::operation).containsExactly(
                "EXPORT", "READ_ACCESS_LOG", "READ", "VERIFY", "READ", "CREATE");
        assertThatThrownBy(() -> store.self().accessLog(Principals.self(UUID.randomUUID().toString()), null, null, 0, 10))
                .is(Kinds.NOT_FOUND);
    }

    @Test
    void theVerificationPeriodStartsAtEnrolmentAndRestartsOnTheConfirmationsOwnClock() {
        String subject = UUID.randomUUID().toString();
        RecordView created = store.records().create(admin, students.next(today), subject);
        AccessContext self = Principals.self(subject);
        java.time.Instant enrolledBy = java.time.Instant.now();

        assertThat(store.self().lastConfirmation(self)).isBeforeOrEqualTo(enrolledBy)
                .isAfter(enrolledBy.minusSeconds(60));
        java.time.Instant later = java.time.Instant.parse("2031-03-01T08:00:00.123456Z");
        AccessContext selfLater = AccessContext.builder().subject(subject).clientId("account-console")
                .clientTrust(edu.studentrecords.store.access.ClientTrust.INTERNAL).scopes(Set.of("student.self"))
                .roles(Set.of("student")).selfService(true).now(later).build();
        assertThat(store.self().confirm(selfLater).verifiedAt()).isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(store.self().lastConfirmation(self)).isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        List<AuditEntry> log = store.auditTrail().historyOf(created.id(), null, null, 0, 3);
        assertThat(log).extracting(AuditEntry::operation)
                .containsExactly("CONFIRMATION_CHECK", "VERIFY", "CONFIRMATION_CHECK");
        assertThat(log.get(0).groups()).isEmpty();
    }

    @Test
    void tokenClaimsReadTheProfileOnlyAndNeverForAnExternalClient() {
        String subject = UUID.randomUUID().toString();
        RecordView created = store.records().create(admin, students.next(today), subject);

        RecordView claims = store.self().profileForToken(Principals.self(subject));
        assertThat(claims.groups()).containsExactly(FieldGroup.PROFILE);
        assertThat(claims.profile().studentNumber()).isEqualTo(created.profile().studentNumber());
        assertThat(claims.identity()).isNull();
        assertThat(claims.contact()).isNull();

        AccessContext external = AccessContext.builder().subject(subject).clientId("city-statistics-bureau")
                .clientTrust(edu.studentrecords.store.access.ClientTrust.EXTERNAL).scopes(Set.of("student.self"))
                .roles(Set.of("student")).selfService(true).now(java.time.Instant.now()).build();
        assertThatThrownBy(() -> store.self().profileForToken(external)).is(Kinds.REFUSED);
        List<AuditEntry> log = store.auditTrail().historyOf(created.id(), null, null, 0, 2);
        assertThat(log).extracting(AuditEntry::operation).containsExactly("TOKEN_CLAIMS", "TOKEN_CLAIMS");
        assertThat(log).extracting(AuditEntry::decision).containsExactly(Decision.DENY, Decision.ALLOW);
    }

    @Test
    void selfServiceRefusesWhoIsNotAStudentAndHidesNothingFromAStudentWithoutARecord() {
        AccessContext registrarOnMe = AccessContext.builder()
                .subject(UUID.randomUUID().toString())
                .clientId("account-console")
                .clientTrust(edu.studentrecords.store.access.ClientTrust.INTERNAL)
                .scopes(Set.of("student.self"))
                .roles(Set.of("records-admin"))
                .selfService(true)
                .now(java.time.Instant.now())
                .build();
        assertThatThrownBy(() -> store.self().read(registrarOnMe)).is(Kinds.REFUSED);
        assertThatThrownBy(() -> store.self().export(registrarOnMe)).is(Kinds.REFUSED);
        assertThatThrownBy(() -> store.self().update(registrarOnMe, 1, "{\"contact\":{\"email\":\"a@students.example.edu\"}}"))
                .is(Kinds.REFUSED);
        assertThatThrownBy(() -> store.self().accessLog(registrarOnMe, null, null, 0, 10)).is(Kinds.REFUSED);
        assertThatThrownBy(() -> store.self().confirm(registrarOnMe)).is(Kinds.REFUSED);
        AccessContext studentWithoutRecord = Principals.self(UUID.randomUUID().toString());
        assertThatThrownBy(() -> store.self().read(studentWithoutRecord)).is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> store.self().confirm(studentWithoutRecord)).is(Kinds.NOT_FOUND);
    }

    private static StudentRecord withStudentNumber(StudentRecord r, String number) {
        var p = r.profile();
        return new StudentRecord(new edu.studentrecords.store.model.Profile(number, p.name(), p.gender(), p.status(), p.unit(),
                p.enrolmentDate(), p.leavingDate()), r.identity(), r.contact(), r.guardians());
    }
}
