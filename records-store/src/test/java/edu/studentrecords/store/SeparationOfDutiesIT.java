package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.audit.Outcome;
import edu.studentrecords.store.check.CheckSettings;
import edu.studentrecords.store.check.Finding;
import edu.studentrecords.store.grants.GrantRequest;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.retention.Retention;
import edu.studentrecords.store.retention.RetentionPolicy;
import edu.studentrecords.store.settings.SettingsSource;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No destruction, opening or weakening by one person, and no duty under impersonation: the store's side of the rules of
 * separation of duties, against a real embedded store process.
 */
class SeparationOfDutiesIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    private static final GeneratedStudents STUDENTS = new GeneratedStudents(31);
    private static final String IMPERSONATOR = UUID.randomUUID().toString();

    @Test
    void aSessionUnderImpersonationExercisesNoDutyAndEveryEntryNamesTheImpersonator() {
        StudentRecords store = STORE.store();
        AccessContext ada = Principals.admin(UUID.randomUUID().toString());
        AccessContext eli = impersonated(Principals.admin(UUID.randomUUID().toString()));
        RecordView record = store.records().create(ada, STUDENTS.next(LocalDate.now()), null);
        String grant = store.grants().request(ada, new GrantRequest("bureau", "statistics", Set.of(FieldGroup.PROFILE),
                List.of(), List.of("science"), Instant.now().plus(Duration.ofDays(30)), new GrantRequest.Agreement(
                        "NDA-1", "nda.pdf", "application/pdf", "%PDF-1.7 generated".getBytes(StandardCharsets.UTF_8))),
                "bureau"::equals).grant().id();
        PurgeRequest purge = store.purgeRequests().request(ada, record.id(), "Enrolled twice");
        AtomicBoolean settingsTouched = new AtomicBoolean();
        SettingsSource<String> settings = new SettingsSource<>() {
            @Override
            public String read() {
                settingsTouched.set(true);
                return "settings";
            }

            @Override
            public List<FieldError> errors(String candidate) {
                return List.of();
            }

            @Override
            public void write(String candidate) {
                settingsTouched.set(true);
            }
        };

        List<ThrowingCallable> duties = List.of(
                () -> store.grants().approve(eli, grant),
                () -> store.grants().list(eli),
                () -> store.purgeRequests().approve(eli, purge.id(), d -> { }),
                () -> store.purgeRequests().request(eli, record.id(), "Again"),
                () -> store.retention().run(eli, false, Retention.Hooks.NONE),
                () -> store.retention().updatePolicy(eli, RetentionPolicy.DEFAULT),
                () -> store.settings().replace(eli, settings, "changed"),
                () -> store.settings().read(eli, settings),
                () -> store.backups().start(eli),
                () -> store.corrections().pending(eli),
                () -> store.auditReview().verify(eli));
        for (ThrowingCallable duty : duties) {
            long before = entries(store);
            assertThatThrownBy(duty).is(Kinds.refusedFor(DenialReason.IMPERSONATED));
            List<AuditEntry> added = store.auditTrail().range(before + 1, 10);
            assertThat(added).as("one entry per call").hasSize(1);
            assertThat(added.get(0).decision()).isEqualTo(Decision.DENY);
            assertThat(added.get(0).reason()).isEqualTo(DenialReason.IMPERSONATED.name());
            assertThat(added.get(0).impersonator()).isEqualTo(IMPERSONATOR);
        }
        assertThat(settingsTouched).as("the settings were never read or written").isFalse();
        assertThat(store.grants().get(ada, grant).grant().approvedBy()).isNull();

        // Reading is not a duty: allowed, and the entry names who was acting.
        long before = entries(store);
        store.records().read(eli, record.id());
        AuditEntry read = store.auditTrail().range(before + 1, 1).get(0);
        assertThat(read.outcome()).isEqualTo(Outcome.DONE);
        assertThat(read.subject()).isEqualTo(eli.subject());
        assertThat(read.impersonator()).isEqualTo(IMPERSONATOR);
        assertThat(store.auditTrail().verify().intact()).as("entries with an impersonator are chained too").isTrue();

        SelfCheckReportAssert.reportsImpersonatedDuties(store, duties.size());
    }

    @Test
    void whoeverRemovedTheStudentsAccountMayNotApproveTheDestructionItAsksFor() {
        StudentRecords store = STORE.store();
        AccessContext ada = Principals.admin(UUID.randomUUID().toString());
        AccessContext eli = Principals.admin(UUID.randomUUID().toString());
        String subject = UUID.randomUUID().toString();
        RecordView record = store.records().create(ada, STUDENTS.next(LocalDate.now()), subject);
        PurgeRequest filed = store.purgeRequests().accountRemoved(subject, ada.subject()).orElseThrow();
        assertThat(filed.requestedBy()).isEqualTo(PurgeRequests.USER_REMOVED);
        assertThatThrownBy(() -> store.purgeRequests().approve(ada, filed.id(), d -> { })).is(Kinds.FOUR_EYES);
        assertThat(store.records().read(eli, record.id()).id()).isEqualTo(record.id());
        store.purgeRequests().approve(eli, filed.id(), d -> { });
        assertThatThrownBy(() -> store.records().read(eli, record.id())).is(Kinds.NOT_FOUND);
    }

    @Test
    void aCallRefusedForItsInputLeavesOneEntryAndNoMore() {
        StudentRecords store = STORE.store();
        AccessContext ada = Principals.admin(UUID.randomUUID().toString());
        long before = entries(store);
        store.calls().refused(ada, AuditOperation.UPDATE, null, AuditReason.MALFORMED_REQUEST);
        store.calls().failed(ada, AuditOperation.UPDATE, null);
        List<AuditEntry> added = store.auditTrail().range(before + 1, 10);
        assertThat(added).hasSize(1);
        assertThat(added.get(0).outcome()).isEqualTo(Outcome.DENIED);
        assertThat(added.get(0).reason()).isEqualTo(AuditReason.MALFORMED_REQUEST.code());

        AccessContext second = Principals.admin(ada.subject());
        RecordView record = store.records().create(second, STUDENTS.next(LocalDate.now()), null);
        long afterCreate = entries(store);
        store.calls().failed(second, AuditOperation.CREATE, record.id());
        assertThat(entries(store)).as("the call has its entry already").isEqualTo(afterCreate);

        AccessContext third = Principals.admin(ada.subject());
        store.calls().failed(third, AuditOperation.READ, record.id());
        AuditEntry failed = store.auditTrail().range(entries(store), 1).get(0);
        assertThat(failed.outcome()).isEqualTo(Outcome.NOT_DONE);
        assertThat(failed.reason()).isEqualTo(AuditReason.FAILED.code());
    }

    @Test
    void aDutyRefusedForWhatItsBodySaysIsAnAllowedCallThatWasNotDone() {
        StudentRecords store = STORE.store();
        AccessContext ada = Principals.admin(UUID.randomUUID().toString());
        RecordView record = store.records().create(ada, STUDENTS.next(LocalDate.now()), null);
        List<ThrowingCallable> invalid = List.of(
                () -> store.retention().updatePolicy(ada, new RetentionPolicy(
                        java.util.EnumSet.of(edu.studentrecords.store.model.EnrolmentStatus.ENROLLED), 1825, 3650)),
                () -> store.retention().placeHold(ada, record.id(), " "),
                () -> store.retention().addPaperCopy(ada, record.id(), "Room 1", "Records clerk",
                        LocalDate.of(999_999_999, 12, 31)),
                () -> store.retention().addPaperCopy(ada, record.id(), "Room 1", "Records clerk",
                        LocalDate.of(1899, 12, 31)));
        for (ThrowingCallable call : invalid) {
            long before = entries(store);
            assertThatThrownBy(call).is(Kinds.INVALID);
            List<AuditEntry> added = store.auditTrail().range(before + 1, 10);
            assertThat(added).as("one entry per call").hasSize(1);
            // As a record's invalid patch is: the caller may do this, what they asked for broke a rule.
            assertThat(added.get(0).decision()).isEqualTo(Decision.ALLOW);
            assertThat(added.get(0).outcome()).isEqualTo(Outcome.NOT_DONE);
            assertThat(added.get(0).reason()).isIn(AuditReason.INVALID_POLICY.code(), AuditReason.INVALID_REASON.code(),
                    AuditReason.INVALID_PAPER_COPY.code());
        }
    }

    @Test
    void theSelfCheckFindsStoredRecordsThatBreakTheRules() {
        StudentRecords store = STORE.store();
        AccessContext ada = Principals.admin(UUID.randomUUID().toString());
        RecordView record = store.records().create(ada, STUDENTS.next(LocalDate.now()), null);
        // A unit from before the unit grammar was enforced, written straight into the database.
        STORE.fixture().rawDatabase().getCollection("records")
                .updateOne(Filters.eq("_id", record.id()), Updates.set("profile.unit", "science/../physics"));
        CheckSettings settings = new CheckSettings(1000, LocalTime.MIN, LocalTime.MAX, ZoneOffset.UTC,
                Duration.ofDays(180));
        assertThat(store.selfCheck().run(supervisor(), settings, List.of()).findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(Finding.INVALID_RECORDS);
            assertThat(f.count()).isGreaterThanOrEqualTo(1);
        });
        // Such a record is still reachable by the centre, to correct it, and by no one else.
        assertThat(store.records().read(ada, record.id()).id()).isEqualTo(record.id());
        AccessContext physics = Principals.staff(UUID.randomUUID().toString(), Set.of("student.profile.read"),
                "science/physics");
        assertThatThrownBy(() -> store.records().read(physics, record.id())).is(Kinds.NOT_FOUND);
    }

    private static long entries(StudentRecords store) {
        long count = 0;
        List<AuditEntry> page;
        do {
            page = store.auditTrail().range(count + 1, 1000);
            count += page.size();
        } while (page.size() == 1000);
        return count;
    }

    private static AccessContext impersonated(AccessContext admin) {
        return AccessContext.builder().subject(admin.subject()).clientId(admin.clientId())
                .clientTrust(admin.clientTrust()).scopes(admin.scopes()).roles(admin.roles()).purpose(admin.purpose())
                .realmPurposes(admin.realmPurposes()).clientPurposes(admin.clientPurposes())
                .unitDirectory(admin.unitDirectory()).impersonator(IMPERSONATOR).now(Instant.now()).build();
    }

    static AccessContext supervisor() {
        return AccessContext.builder().subject(UUID.randomUUID().toString()).clientId("campus-portal")
                .clientTrust(ClientTrust.INTERNAL).scopes(Set.of("student.audit")).roles(Set.of("records-supervisor"))
                .purpose("administration").realmPurposes(Principals.REALM_PURPOSES)
                .clientPurposes(Set.of("administration")).now(Instant.now()).build();
    }

    /** The self-check's view of the duties tried above. */
    private static final class SelfCheckReportAssert {
        static void reportsImpersonatedDuties(StudentRecords store, int tried) {
            CheckSettings settings = new CheckSettings(100_000, LocalTime.MIN, LocalTime.MAX, ZoneOffset.UTC,
                    Duration.ofDays(180));
            assertThat(store.selfCheck().run(supervisor(), settings, List.of()).findings()).anySatisfy(f -> {
                assertThat(f.code()).isEqualTo(Finding.IMPERSONATED_DUTY_CALL);
                assertThat(f.actor()).isEqualTo("user:" + IMPERSONATOR);
                assertThat(f.count()).isEqualTo(tried);
            });
        }
    }
}
