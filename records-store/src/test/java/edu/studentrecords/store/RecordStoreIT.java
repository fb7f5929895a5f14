package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's operations against a real embedded store process. */
class RecordStoreIT {

    @TempDir
    static Path dir;

    static StoreFixture fixture;
    static StudentRecordStore store;
    static final GeneratedStudents students = new GeneratedStudents(42);
    static final LocalDate today = LocalDate.now();
    static final AccessContext admin = Principals.admin(UUID.randomUUID().toString());

    @BeforeAll
    static void start() {
        fixture = StoreFixture.start(dir);
        store = fixture.store();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private long auditCount() {
        return fixture.rawDatabase().getCollection("audit_entries").countDocuments();
    }

    @Test
    void enrolsReadsAndLooksUpByStudentNumber() {
        StudentRecord content = students.next(today);
        RecordView created = store.create(admin, content, null);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.groups()).isEqualTo(FieldGroup.ALL);

        RecordView read = store.read(admin, created.id());
        assertThat(read.profile()).isEqualTo(content.profile());
        assertThat(read.identity().residentIdNumber()).isEqualTo(content.identity().residentIdNumber());
        assertThat(read.contact()).isEqualTo(content.contact());
        assertThat(read.guardians()).isEqualTo(content.guardians());

        assertThat(store.findByStudentNumber(admin, content.profile().studentNumber()).id()).isEqualTo(created.id());
        assertThat(store.findByResidentIdNumber(admin, content.identity().residentIdNumber().toLowerCase()).id())
                .isEqualTo(created.id());
        String spaced = "+86 " + content.contact().mobilePhone().substring(0, 3) + " "
                + content.contact().mobilePhone().substring(3);
        assertThat(store.findByPhone(admin, spaced)).extracting(RecordView::id).contains(created.id());
    }

    @Test
    void refusesADuplicateStudentNumberOrResidentIdNamingTheFieldOnly() {
        StudentRecord first = students.next(today);
        store.create(admin, first, null);
        StudentRecord sameNumber = withStudentNumber(students.next(today), first.profile().studentNumber());
        assertThatThrownBy(() -> store.create(admin, sameNumber, null))
                .isInstanceOf(DuplicateRecordException.class)
                .hasMessageNotContaining(first.profile().studentNumber())
                .extracting(e -> ((DuplicateRecordException) e).field()).isEqualTo("profile.studentNumber");
        StudentRecord other = students.next(today);
        var op = other.profile();
        StudentRecord sameId = new StudentRecord(new edu.studentrecords.store.model.Profile(op.studentNumber(), op.name(),
                first.profile().gender(), op.status(), op.unit(), op.enrolmentDate(), op.leavingDate()),
                first.identity(), other.contact(), other.guardians());
        assertThatThrownBy(() -> store.create(admin, sameId, null))
                .isInstanceOf(DuplicateRecordException.class)
                .extracting(e -> ((DuplicateRecordException) e).field()).isEqualTo("identity.residentIdNumber");
    }

    @Test
    void refusesAnInvalidRecordNamingTheFieldWithoutTheValue() {
        StudentRecord valid = students.next(today);
        String bad = valid.identity().residentIdNumber().substring(0, 17)
                + (valid.identity().residentIdNumber().charAt(17) == '0' ? '1' : '0');
        StudentRecord invalid = new StudentRecord(valid.profile(),
                new Identity(bad, valid.identity().dateOfBirth(), valid.identity().nativePlace()), valid.contact(), valid.guardians());
        assertThatThrownBy(() -> store.create(admin, invalid, null))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.errors()).extracting(f -> f.field()).contains("identity.residentIdNumber");
                    assertThat(e.errors().toString()).doesNotContain(bad);
                });
        assertThatThrownBy(() -> store.findByStudentNumber(admin, valid.profile().studentNumber()))
                .isInstanceOf(RecordNotFoundException.class);
    }

    @Test
    void patchesWithVersionsRefusingStaleAndInvalidChangesAndLeavingTheRecordAsItWas() {
        RecordView created = store.create(admin, students.next(today), null);
        RecordView patched = store.update(admin, created.id(), 1, "{\"contact\":{\"email\":\"new@students.example.edu\"}}");
        assertThat(patched.version()).isEqualTo(2);
        assertThat(patched.contact().email()).isEqualTo("new@students.example.edu");
        assertThat(patched.contact().mobilePhone()).isEqualTo(created.contact().mobilePhone());

        assertThatThrownBy(() -> store.update(admin, created.id(), 1, "{\"contact\":{\"email\":\"x@students.example.edu\"}}"))
                .isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        assertThatThrownBy(() -> store.update(admin, created.id(), 2, "{\"identity\":{\"residentIdNumber\":\"12345\"}}"))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).contains("identity.residentIdNumber"));
        assertThatThrownBy(() -> store.update(admin, created.id(), 2, "{\"grades\":{}}"))
                .isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> store.update(admin, created.id(), 2, "[1,2]"))
                .isInstanceOf(InvalidPatchException.class);
        assertThatThrownBy(() -> store.update(admin, created.id(), 2, "{}"))
                .isInstanceOf(InvalidPatchException.class);

        RecordView after = store.read(admin, created.id());
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.contact().email()).isEqualTo("new@students.example.edu");
        assertThat(after.identity()).isEqualTo(created.identity());
    }

    @Test
    void staffSeeTheirUnitsOnlyAndOnlyTheGroupsTheirScopesName() {
        RecordView mine = store.create(admin, students.nextIn("science/physics/2024-1", today), null);
        RecordView foreign = store.create(admin, students.nextIn("arts/history/2023-1", today), null);
        AccessContext teacher = Principals.staff(UUID.randomUUID().toString(),
                Set.of("student.profile.read", "student.contact.read"), "science/physics");

        RecordView seen = store.read(teacher, mine.id());
        assertThat(seen.groups()).containsExactlyInAnyOrder(FieldGroup.PROFILE, FieldGroup.CONTACT);
        assertThat(seen.identity()).isNull();
        assertThat(seen.guardians()).isNull();
        assertThatThrownBy(() -> store.read(teacher, foreign.id())).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> store.update(teacher, mine.id(), 1, "{\"contact\":{\"email\":\"t@students.example.edu\"}}"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(store.read(admin, mine.id()).version()).isEqualTo(1);
        assertThatThrownBy(() -> store.findByResidentIdNumber(teacher, store.read(admin, mine.id()).identity().residentIdNumber()))
                .isInstanceOf(RecordNotFoundException.class);
    }

    @Test
    void aStudentReadsAndEditsOwnContactButNotOwnIdentity() {
        String subject = UUID.randomUUID().toString();
        RecordView created = store.create(admin, students.next(today), subject);
        AccessContext self = Principals.self(subject);
        assertThat(store.readOwn(self).id()).isEqualTo(created.id());
        assertThat(store.updateOwn(self, 1, "{\"contact\":{\"homeAddress\":\"8号 学府路\"}}").contact().homeAddress())
                .isEqualTo("8号 学府路");
        assertThatThrownBy(() -> store.updateOwn(self, 2, "{\"profile\":{\"name\":\"改名\"}}"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> store.readOwn(Principals.self(UUID.randomUUID().toString())))
                .isInstanceOf(RecordNotFoundException.class);
    }

    @Test
    void everyCallLeavesExactlyOneAuditEntryAllowedOrDenied() {
        RecordView created = store.create(admin, students.next(today), null);
        AccessContext outsider = Principals.staff(UUID.randomUUID().toString(), Set.of("student.profile.read"), "arts");
        long before = auditCount();
        store.read(admin, created.id());
        assertThatThrownBy(() -> store.read(outsider, created.id())).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> store.read(admin, UUID.randomUUID().toString())).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> store.update(admin, created.id(), 7, "{\"contact\":{\"email\":\"e@students.example.edu\"}}"))
                .isInstanceOf(StaleVersionException.class);
        assertThat(auditCount()).isEqualTo(before + 4);
        assertThat(store.verifyAudit().intact()).isTrue();
        List<AuditEntry> history = store.auditTrail().historyOf(created.id(), null, null, 0, 10);
        assertThat(history).extracting(AuditEntry::decision).startsWith(Decision.ALLOW, Decision.DENY, Decision.ALLOW);
        assertThat(store.verifyAudit().intact()).isTrue();
    }

    @Test
    void aSearchIsDecidedByTheSearchScopeAndLeavesOneAuditEntryNamingTheIdsReturned() {
        RecordView returned = store.create(admin, students.next(today), null);
        RecordView notReturned = store.create(admin, students.next(today), null);
        List<SearchScope.Matching> scopes = new ArrayList<>();
        long before = auditCount();
        List<String> result = store.search(admin, scope -> {
            scopes.add(scope);
            return List.of(returned.id());
        }, ids -> ids);
        assertThat(result).containsExactly(returned.id());
        assertThat(scopes).singleElement().satisfies(scope -> assertThat(scope.allUnits()).isTrue());
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
        assertThatThrownBy(() -> store.search(withoutSearchScope, scope -> {
            scopes.add(scope);
            return List.<String>of();
        }, ids -> ids)).isInstanceOf(AccessDeniedException.class)
                .satisfies(e -> assertThat(((AccessDeniedException) e).decision().reason())
                        .isEqualTo(DenialReason.SCOPE_MISSING));
        assertThat(scopes).hasSize(1);
        assertThat(auditCount()).isEqualTo(before + 2);
        AuditEntry refused = store.auditTrail().range(before + 2, 1).get(0);
        assertThat(refused.decision()).isEqualTo(Decision.DENY);
        assertThat(refused.reason()).isEqualTo("SCOPE_MISSING");
        assertThat(refused.recordIds()).isEmpty();

        assertThatThrownBy(() -> store.search(admin, scope -> {
            throw new IllegalStateException("index unavailable");
        }, ids -> List.<String>of())).isInstanceOf(IllegalStateException.class);
        assertThat(auditCount()).isEqualTo(before + 3);
        assertThat(store.auditTrail().range(before + 3, 1).get(0).reason()).isEqualTo("SEARCH_FAILED");
        assertThat(store.verifyAudit().intact()).isTrue();
    }

    @Test
    void destroyingARecordRemovesItAndItsKeyForEveryone() {
        RecordView created = store.create(admin, students.next(today), null);
        Destruction destruction = store.destroy(admin, created.id(), "retention period over");
        assertThat(destruction.lastVersion()).isEqualTo(1);
        assertThatThrownBy(() -> store.read(admin, created.id())).isInstanceOf(RecordNotFoundException.class);
        assertThat(fixture.rawDatabase().getCollection("record_keys").find(new Document("_id", created.id())).first()).isNull();
        assertThat(fixture.rawDatabase().getCollection("records").find(new Document("_id", created.id())).first()).isNull();
    }

    @Test
    void aRecordMovedByAnotherNodeIsDecidedOnItsStoredUnitNotOnWhatThisNodeRemembers() {
        RecordView record = store.create(admin, students.nextIn("science/chemistry/2024-1", today), null);
        AccessContext chemistryTeacher = Principals.staff(UUID.randomUUID().toString(), Set.of("student.profile.read"),
                "science/chemistry");
        assertThat(store.read(chemistryTeacher, record.id()).profile().unit()).isEqualTo("science/chemistry/2024-1");

        try (StudentRecordStore otherNode = StudentRecordStore.connect(fixture.settings())) {
            otherNode.update(admin, record.id(), 1, "{\"profile\":{\"unit\":\"arts/history/2023-1\"}}");
        }
        assertThatThrownBy(() -> store.read(chemistryTeacher, record.id())).isInstanceOf(RecordNotFoundException.class);
        List<AuditEntry> history = store.auditTrail().historyOf(record.id(), null, null, 0, 2);
        // The read was first decided on the remembered unit, then revised on the stored one: both are on record.
        assertThat(history).extracting(AuditEntry::decision).containsExactly(Decision.DENY, Decision.ALLOW);
        assertThat(history.get(0).reason()).isEqualTo("OUTSIDE_UNITS");
        AccessContext historyTeacher = Principals.staff(UUID.randomUUID().toString(), Set.of("student.profile.read"), "arts");
        assertThat(store.read(historyTeacher, record.id()).version()).isEqualTo(2);
    }

    @Test
    void aStudentConfirmsTheRecordAndSeesWhoAccessedIt() {
        String subject = UUID.randomUUID().toString();
        RecordView created = store.create(admin, students.next(today), subject);
        AccessContext self = Principals.self(subject);
        store.read(admin, created.id());

        RecordView confirmed = store.confirmOwn(self);
        assertThat(confirmed.version()).isEqualTo(created.version() + 1);
        assertThat(confirmed.verifiedAt()).isNotNull();
        assertThat(store.read(admin, created.id()).verifiedAt()).isEqualTo(confirmed.verifiedAt());

        List<AuditEntry> log = store.accessLogOwn(self, null, null, 0, 50);
        // Newest first: the look-up of the log itself, the registrar's check, the confirmation, the registrar's read, the enrolment.
        assertThat(log).extracting(AuditEntry::operation).containsExactly("READ_ACCESS_LOG", "READ", "VERIFY", "READ", "CREATE");
        assertThat(log).extracting(AuditEntry::recordId).containsOnly(created.id());
        assertThat(log).filteredOn(e -> e.operation().equals("READ")).extracting(AuditEntry::subject).contains(admin.subject());

        SelfExport export = store.exportOwn(self);
        assertThat(export.record().groups()).isEqualTo(FieldGroup.ALL);
        assertThat(export.accessLog()).extracting(AuditEntry::operation).containsExactly(
                "EXPORT", "READ_ACCESS_LOG", "READ", "VERIFY", "READ", "CREATE");
        assertThatThrownBy(() -> store.accessLogOwn(Principals.self(UUID.randomUUID().toString()), null, null, 0, 10))
                .isInstanceOf(RecordNotFoundException.class);
    }

    @Test
    void theVerificationPeriodStartsAtEnrolmentAndRestartsOnTheConfirmationsOwnClock() {
        String subject = UUID.randomUUID().toString();
        RecordView created = store.create(admin, students.next(today), subject);
        AccessContext self = Principals.self(subject);
        java.time.Instant enrolledBy = java.time.Instant.now();

        assertThat(store.lastConfirmationOwn(self)).isBeforeOrEqualTo(enrolledBy)
                .isAfter(enrolledBy.minusSeconds(60));
        java.time.Instant later = java.time.Instant.parse("2031-03-01T08:00:00.123456Z");
        AccessContext selfLater = AccessContext.builder().subject(subject).clientId("account-console")
                .clientTrust(edu.studentrecords.store.access.ClientTrust.INTERNAL).scopes(Set.of("student.self"))
                .roles(Set.of("student")).selfService(true).now(later).build();
        assertThat(store.confirmOwn(selfLater).verifiedAt()).isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(store.lastConfirmationOwn(self)).isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        List<AuditEntry> log = store.auditTrail().historyOf(created.id(), null, null, 0, 3);
        assertThat(log).extracting(AuditEntry::operation)
                .containsExactly("CONFIRMATION_CHECK", "VERIFY", "CONFIRMATION_CHECK");
        assertThat(log.get(0).groups()).isEmpty();
    }

    @Test
    void tokenClaimsReadTheProfileOnlyAndNeverForAnExternalClient() {
        String subject = UUID.randomUUID().toString();
        RecordView created = store.create(admin, students.next(today), subject);

        RecordView claims = store.readOwnProfileForToken(Principals.self(subject));
        assertThat(claims.groups()).containsExactly(FieldGroup.PROFILE);
        assertThat(claims.profile().studentNumber()).isEqualTo(created.profile().studentNumber());
        assertThat(claims.identity()).isNull();
        assertThat(claims.contact()).isNull();

        AccessContext external = AccessContext.builder().subject(subject).clientId("city-statistics-bureau")
                .clientTrust(edu.studentrecords.store.access.ClientTrust.EXTERNAL).scopes(Set.of("student.self"))
                .roles(Set.of("student")).selfService(true).now(java.time.Instant.now()).build();
        assertThatThrownBy(() -> store.readOwnProfileForToken(external)).isInstanceOf(AccessDeniedException.class);
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
        assertThatThrownBy(() -> store.readOwn(registrarOnMe)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> store.exportOwn(registrarOnMe)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> store.updateOwn(registrarOnMe, 1, "{\"contact\":{\"email\":\"a@students.example.edu\"}}"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> store.accessLogOwn(registrarOnMe, null, null, 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> store.confirmOwn(registrarOnMe)).isInstanceOf(AccessDeniedException.class);
        AccessContext studentWithoutRecord = Principals.self(UUID.randomUUID().toString());
        assertThatThrownBy(() -> store.readOwn(studentWithoutRecord)).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> store.confirmOwn(studentWithoutRecord)).isInstanceOf(RecordNotFoundException.class);
    }

    private static StudentRecord withStudentNumber(StudentRecord r, String number) {
        var p = r.profile();
        return new StudentRecord(new edu.studentrecords.store.model.Profile(number, p.name(), p.gender(), p.status(), p.unit(),
                p.enrolmentDate(), p.leavingDate()), r.identity(), r.contact(), r.guardians());
    }
}
