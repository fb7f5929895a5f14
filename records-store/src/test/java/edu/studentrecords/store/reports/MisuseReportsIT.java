package edu.studentrecords.store.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEvent;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.validation.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Misuse reports against a real embedded store process: own record only, one audit entry per call, sealed at rest;
 * the centre lists, triages (administrators only) and resolves (administrators and supervisors) them.
 */
class MisuseReportsIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    static StudentRecords store;
    static final GeneratedStudents students = new GeneratedStudents(77);
    static final AccessContext admin = Principals.admin(UUID.randomUUID().toString());

    @BeforeAll
    static void start() {
        store = STORE.store();
    }

    /** A new student with a record of their own; returns their self-service context and the record. */
    private record Student(AccessContext self, RecordView record) {
    }

    private Student enrolled() {
        String subject = UUID.randomUUID().toString();
        RecordView record = store.records().create(admin, students.next(LocalDate.now()), subject);
        return new Student(Principals.self(subject), record);
    }

    private long auditCount() {
        return STORE.fixture().rawDatabase().getCollection("audit_entries").countDocuments();
    }

    @Test
    void aReportNamesEntriesOfTheStudentsOwnRecordAndIsListedNewestFirst() {
        Student alice = enrolled();
        store.records().read(admin, alice.record().id());
        long read = store.auditTrail().historyOf(alice.record().id(), null, null, 0, 1).get(0).sequence();

        long before = auditCount();
        MisuseReport first = store.misuseReports().report(alice.self(), "  Someone read my record without reason. ",
                List.of(read));
        assertThat(auditCount()).as("one audit entry per call").isEqualTo(before + 1);
        assertThat(first.status()).isEqualTo(ReportStatus.OPEN);
        assertThat(first.message()).isEqualTo("Someone read my record without reason.");
        assertThat(first.auditEntries()).containsExactly(read);
        assertThat(first.outcome()).isNull();
        MisuseReport second = store.misuseReports().report(alice.self(), "And again.", List.of());

        before = auditCount();
        List<MisuseReport> own = store.misuseReports().ownReports(alice.self());
        assertThat(auditCount()).isEqualTo(before + 1);
        assertThat(own).extracting(MisuseReport::id).containsExactly(second.id(), first.id());
        assertThat(own.get(1)).isEqualTo(first);

        AuditEntry last = store.auditTrail().historyOf(alice.record().id(), null, null, 0, 1).get(0);
        assertThat(last.operation()).isEqualTo(AuditOperation.READ_REPORTS.code());
        assertThat(last.decision()).isEqualTo(Decision.ALLOW);
        assertThat(last.groups()).isEmpty();
        assertThat(store.auditTrail().historyOf(alice.record().id(), null, null, 0, 10))
                .extracting(AuditEntry::operation).contains(AuditOperation.REPORT_MISUSE.code());
    }

    @Test
    void anotherStudentsEntryOrAMissingOneIsRefusedAndNothingIsStored() {
        Student alice = enrolled();
        Student bob = enrolled();
        store.records().read(admin, bob.record().id());
        long bobsEntry = store.auditTrail().historyOf(bob.record().id(), null, null, 0, 1).get(0).sequence();

        assertThatThrownBy(() -> store.misuseReports().report(alice.self(), "Not mine.", List.of(bobsEntry, 99_999_999L)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("auditEntries[0]", "auditEntries[1]"));
        assertThatThrownBy(() -> store.misuseReports().report(alice.self(), " ", List.of()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("message"));
        assertThat(store.misuseReports().ownReports(alice.self())).isEmpty();
    }

    @Test
    void aSearchWhoseAnswerNamedTheRecordIsAnEntryOfItsLogAndCanBeReported() {
        Student alice = enrolled();
        Student bob = enrolled();
        long search = store.auditTrail().append(new AuditEvent(UUID.randomUUID().toString(), "campus-portal", "teaching",
                null, null, List.of(bob.record().id(), alice.record().id()), Set.of(FieldGroup.PROFILE),
                AuditOperation.SEARCH.code(), Decision.ALLOW, null)).sequence();
        assertThat(store.auditTrail().historyOf(alice.record().id(), null, null, 0, 10))
                .extracting(AuditEntry::sequence).as("the search is in her access log").contains(search);

        MisuseReport report = store.misuseReports().report(alice.self(), "A teacher looked me up.", List.of(search));
        assertThat(report.auditEntries()).containsExactly(search);

        Student carol = enrolled();
        assertThatThrownBy(() -> store.misuseReports().report(carol.self(), "Not mine.", List.of(search)))
                .as("a search that did not name her record")
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("auditEntries[0]"));
    }

    @Test
    void studentsSeeOnlyTheirOwnReportsAndOthersAreRefused() {
        Student alice = enrolled();
        Student bob = enrolled();
        store.misuseReports().report(alice.self(), "Alice's report.", List.of());
        assertThat(store.misuseReports().ownReports(bob.self())).isEmpty();

        assertThatThrownBy(() -> store.misuseReports().report(Principals.self(UUID.randomUUID().toString()), "x",
                List.of())).is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> store.misuseReports().ownReports(admin))
                .is(Kinds.REFUSED_OR_NOT_FOUND);
    }

    @Test
    void theMessageIsSealedAtRest() {
        Student alice = enrolled();
        String message = "Marker " + UUID.randomUUID();
        MisuseReport report = store.misuseReports().report(alice.self(), message, List.of());
        Document raw = STORE.fixture().rawDatabase().getCollection("misuse_reports").find(new Document("_id", report.id())).first();
        assertThat(raw).isNotNull();
        assertThat(raw.toJson()).doesNotContain(message).doesNotContain("Marker");
        assertThat(raw.getString("recordId")).isEqualTo(alice.record().id());
        assertThat(Set.copyOf(raw.keySet())).contains("message", "auditEntries", "createdAt", "status");
    }

    private static final Predicate<String> CENTRE = "eli"::equals;

    /** A supervisor through the campus portal with the given scopes. */
    private static AccessContext supervisor(Set<String> scopes) {
        return person("records-supervisor", scopes);
    }

    /** A person of the given realm role through the campus portal with the given scopes. */
    private static AccessContext person(String role, Set<String> scopes) {
        return AccessContext.builder().subject(UUID.randomUUID().toString()).clientId("campus-portal")
                .clientTrust(ClientTrust.INTERNAL).scopes(scopes).roles(Set.of(role))
                .purpose("administration").realmPurposes(Principals.REALM_PURPOSES)
                .clientPurposes(Set.of("administration")).now(Instant.now()).build();
    }

    private long lastEntryOn(String recordId) {
        return store.auditTrail().historyOf(recordId, null, null, 0, 1).get(0).sequence();
    }

    @Test
    void theCentreTriagesAndResolvesAReportAndTheStudentReadsTheOutcome() {
        Student alice = enrolled();
        store.records().read(admin, alice.record().id());
        long named = lastEntryOn(alice.record().id());
        MisuseReport sent = store.misuseReports().report(alice.self(), "Who read my record?", List.of(named));
        store.records().read(admin, alice.record().id());
        long linked = lastEntryOn(alice.record().id());
        AccessContext sue = supervisor(Set.of("student.audit"));

        long before = auditCount();
        List<MisuseReport> open = store.misuseReports().list(admin, ReportStatus.OPEN);
        assertThat(auditCount()).as("one audit entry per call").isEqualTo(before + 1);
        assertThat(open).extracting(MisuseReport::id).contains(sent.id());
        assertThat(store.misuseReports().list(sue, null)).extracting(MisuseReport::id).contains(sent.id());
        assertThat(store.misuseReports().list(admin, ReportStatus.RESOLVED)).extracting(MisuseReport::id)
                .doesNotContain(sent.id());
        assertThat(store.misuseReports().get(sue, sent.id())).isEqualTo(sent);

        before = auditCount();
        MisuseReport triaged = store.misuseReports().triage(admin, sent.id(),
                new Triage(Severity.HIGH, "eli", List.of(linked)), CENTRE);
        assertThat(auditCount()).isEqualTo(before + 1);
        AuditEntry triageEntry = store.auditTrail().historyOf(alice.record().id(), null, null, 0, 1).get(0);
        assertThat(triageEntry.operation()).as("the student sees the centre handled it").isEqualTo(AuditOperation.TRIAGE_MISUSE_REPORT.code());
        assertThat(triageEntry.decision()).isEqualTo(Decision.ALLOW);
        assertThat(triageEntry.groups()).isEmpty();
        assertThat(triaged.status()).isEqualTo(ReportStatus.TRIAGED);
        assertThat(triaged.severity()).isEqualTo(Severity.HIGH);
        assertThat(triaged.assignee()).isEqualTo("eli");
        assertThat(triaged.linkedEntries()).containsExactly(linked);
        assertThat(triaged.triagedBy()).isEqualTo(admin.subject());
        assertThat(triaged.triagedAt()).isNotNull();
        assertThat(store.misuseReports().entries(sue, sent.id())).extracting(AuditEntry::sequence)
                .containsExactly(named, linked);

        before = auditCount();
        MisuseReport resolved = store.misuseReports().resolve(sue, sent.id(), "  The read was for enrolment; no misuse. ");
        assertThat(auditCount()).isEqualTo(before + 1);
        assertThat(resolved.status()).isEqualTo(ReportStatus.RESOLVED);
        assertThat(resolved.outcome()).isEqualTo("The read was for enrolment; no misuse.");
        assertThat(resolved.decidedBy()).isEqualTo(sue.subject());
        assertThat(resolved.decidedAt()).isNotNull();
        assertThat(resolved.severity()).as("the triage stays").isEqualTo(Severity.HIGH);
        assertThat(store.misuseReports().ownReports(alice.self())).singleElement().satisfies(own -> {
            assertThat(own.status()).isEqualTo(ReportStatus.RESOLVED);
            assertThat(own.outcome()).isEqualTo("The read was for enrolment; no misuse.");
            assertThat(own.decidedAt()).isEqualTo(resolved.decidedAt());
        });
        assertThat(store.owners().ownerOf(resolved.recordId())).contains(alice.self().subject());

        before = auditCount();
        assertThatThrownBy(() -> store.misuseReports().resolve(admin, sent.id(), "Again."))
                .is(Kinds.CONFLICT);
        assertThatThrownBy(() -> store.misuseReports().triage(admin, sent.id(), new Triage(Severity.LOW, null, null),
                CENTRE)).is(Kinds.CONFLICT);
        assertThat(auditCount()).isEqualTo(before + 2);
        assertThat(store.misuseReports().get(admin, sent.id()).outcome()).isEqualTo("The read was for enrolment; no misuse.");
    }

    @Test
    void onlyTheCentreHandlesReportsAndOnlyAdministratorsTriage() {
        Student alice = enrolled();
        MisuseReport sent = store.misuseReports().report(alice.self(), "Please look.", List.of());
        AccessContext staff = Principals.staff(UUID.randomUUID().toString(), Principals.allScopes(), "science");
        AccessContext sue = supervisor(Set.of("student.audit"));
        AccessContext sueWithoutScope = supervisor(Set.of("student.profile.read"));
        AccessContext adminWithoutScopes = person("records-admin", Set.of("student.profile.read"));
        AccessContext adminOnlyAuditing = person("records-admin", Set.of("student.audit"));

        for (AccessContext refused : List.of(staff, sueWithoutScope, alice.self(), adminWithoutScopes)) {
            long before = auditCount();
            assertThatThrownBy(() -> store.misuseReports().list(refused, null)).is(Kinds.REFUSED);
            assertThatThrownBy(() -> store.misuseReports().get(refused, sent.id())).is(Kinds.REFUSED);
            assertThatThrownBy(() -> store.misuseReports().entries(refused, sent.id()))
                    .is(Kinds.REFUSED);
            assertThatThrownBy(() -> store.misuseReports().resolve(refused, sent.id(), "x"))
                    .is(Kinds.REFUSED);
            assertThat(auditCount()).as("every refusal audited once").isEqualTo(before + 4);
        }
        for (AccessContext reviewer : List.of(sue, adminOnlyAuditing)) {
            long before = auditCount();
            assertThatThrownBy(() -> store.misuseReports().triage(reviewer, sent.id(),
                    new Triage(Severity.LOW, null, null), CENTRE)).is(Kinds.REFUSED);
            assertThat(auditCount()).isEqualTo(before + 1);
            assertThat(store.misuseReports().get(reviewer, sent.id()).status()).isEqualTo(ReportStatus.OPEN);
        }
        assertThat(store.misuseReports().get(admin, sent.id())).isEqualTo(sent);
    }

    @Test
    void aTriageNamingAnotherRecordsEntryOrAStrangerChangesNothing() {
        Student alice = enrolled();
        Student bob = enrolled();
        store.records().read(admin, bob.record().id());
        long bobsEntry = lastEntryOn(bob.record().id());
        MisuseReport sent = store.misuseReports().report(alice.self(), "Please look.", List.of());

        long before = auditCount();
        assertThatThrownBy(() -> store.misuseReports().triage(admin, sent.id(),
                new Triage(null, "mallory", List.of(bobsEntry, 99_999_999L)), CENTRE))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("severity", "assignee", "linkedEntries[0]", "linkedEntries[1]"));
        assertThatThrownBy(() -> store.misuseReports().resolve(admin, sent.id(), " "))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("outcome"));
        assertThat(auditCount()).isEqualTo(before + 2);
        assertThat(store.misuseReports().get(admin, sent.id())).isEqualTo(sent);
    }

    @Test
    void anUnknownReportIsNotFoundAndAuditedOnce() {
        long before = auditCount();
        assertThatThrownBy(() -> store.misuseReports().get(admin, UUID.randomUUID().toString()))
                .is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> store.misuseReports().resolve(admin, UUID.randomUUID().toString(), "x"))
                .is(Kinds.NOT_FOUND);
        assertThat(auditCount()).isEqualTo(before + 2);
        AuditEntry last = store.auditTrail().range(before + 2, 1).get(0);
        assertThat(last.decision()).isEqualTo(Decision.DENY);
        assertThat(last.reason()).isEqualTo(AuditReason.REPORT_NOT_FOUND.code());
    }

    @Test
    void theOutcomeIsSealedAtRest() {
        Student alice = enrolled();
        MisuseReport sent = store.misuseReports().report(alice.self(), "Please look.", List.of());
        String outcome = "Outcome marker " + UUID.randomUUID();
        store.misuseReports().resolve(admin, sent.id(), outcome);
        Document raw = STORE.fixture().rawDatabase().getCollection("misuse_reports").find(new Document("_id", sent.id())).first();
        assertThat(raw).isNotNull();
        assertThat(raw.toJson()).doesNotContain("Outcome marker");
        assertThat(raw.getString("status")).isEqualTo("RESOLVED");
    }
}
