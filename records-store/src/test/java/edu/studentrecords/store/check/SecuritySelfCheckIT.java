package edu.studentrecords.store.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.grants.GrantRequest;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The security self-check against a real embedded store process, with planted misuse. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuritySelfCheckIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    static StudentRecords store;
    static final GeneratedStudents students = new GeneratedStudents(11);
    static final AccessContext admin = Principals.admin(UUID.randomUUID().toString());
    static final AccessContext supervisor = supervisor();

    @BeforeAll
    static void start() {
        store = STORE.store();
    }

    @Test
    void aPlantedBulkReadIsReportedOnceAndNormalWorkIsNot() {
        // All day is the workday here, so only the volume counts.
        CheckSettings settings = new CheckSettings(20, LocalTime.MIN, LocalTime.MAX, ZoneOffset.UTC, Duration.ofDays(180));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            ids.add(store.records().create(admin, students.nextIn("science/physics/2024-1", LocalDate.now()), null).id());
        }
        store.selfCheck().run(supervisor, settings, List.of());

        String bulk = UUID.randomUUID().toString();
        AccessContext reader = Principals.staff(bulk, Set.of("student.profile.read"), "science");
        String modest = UUID.randomUUID().toString();
        AccessContext teacher = Principals.staff(modest, Set.of("student.profile.read"), "science");
        ids.forEach(id -> store.records().read(reader, id));
        ids.subList(0, 5).forEach(id -> store.records().read(teacher, id));

        SelfCheckReport report = store.selfCheck().run(supervisor, settings, List.of());
        assertThat(report.chainIntact()).isTrue();
        // 45 reads against a limit of 20: at least one clock hour holds more than 20 even if the reads straddle two.
        List<Finding> bulkFindings = report.findings().stream().filter(f -> f.code().equals(Finding.BULK_READING)).toList();
        assertThat(bulkFindings).isNotEmpty().allSatisfy(f -> assertThat(f.actor()).isEqualTo("user:" + bulk));
        assertThat(bulkFindings.stream().mapToLong(Finding::count).sum()).isBetween(21L, 45L);
        assertThat(store.selfCheck().latest(supervisor)).contains(report);

        // A re-run a minute later reports on the same day: the standing finding is still there, not hidden.
        SelfCheckReport again = store.selfCheck().run(supervisor, settings, List.of());
        assertThat(again.findings()).filteredOn(f -> f.code().equals(Finding.BULK_READING))
                .containsExactlyInAnyOrderElementsOf(bulkFindings);
        assertThat(again.scannedFrom()).isEqualTo(report.scannedFrom());
    }

    @Test
    void readingOutsideTheWorkdayIsReported() {
        RecordView record = store.records().create(admin, students.nextIn("arts/history/2024-2", LocalDate.now()), null);
        store.selfCheck().run(supervisor, CheckSettings.DEFAULTS, List.of());
        String night = UUID.randomUUID().toString();
        store.records().read(Principals.staff(night, Set.of("student.profile.read"), "arts"), record.id());
        // A workday that has already ended (or not begun) at this instant.
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        CheckSettings closed = new CheckSettings(1000, now.plusMinutes(5), now.plusMinutes(6), ZoneOffset.UTC,
                Duration.ofDays(180));
        SelfCheckReport report = store.selfCheck().run(supervisor, closed, List.of());
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(Finding.READING_OUT_OF_HOURS);
            assertThat(f.actor()).isEqualTo("user:" + night);
        });
    }

    @Test
    @Order(Integer.MAX_VALUE) // it breaks the chain on purpose, so it runs last
    void expiredGrantsAreClosedOverdueVerificationsCountedAndABrokenChainReported() {
        Instant soon = Instant.now().plusSeconds(2);
        String grantId = store.grants().request(admin, new GrantRequest("bureau", "statistics", Set.of(FieldGroup.PROFILE),
                List.of(), List.of("science"), soon, new GrantRequest.Agreement("A-1", "a.pdf", "application/pdf",
                        "%PDF-1.7 generated".getBytes(StandardCharsets.UTF_8))), "bureau"::equals).grant().id();
        store.records().create(admin, students.nextIn("science/chemistry/2024-1", LocalDate.now()), UUID.randomUUID().toString());

        CheckSettings settings = new CheckSettings(1000, LocalTime.MIN, LocalTime.MAX, ZoneOffset.UTC, Duration.ofDays(180));
        Instant due = soon.plus(Duration.ofDays(200));
        SelfCheckReport later = store.selfCheck().runScheduled(due, Duration.ofDays(1), settings, List.of()).orElseThrow();
        assertThat(later.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(Finding.EXPIRED_GRANT_CLOSED);
            assertThat(f.actor()).isEqualTo("grant:" + grantId);
        });
        assertThat(later.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(Finding.VERIFICATION_OVERDUE);
            assertThat(f.count()).isGreaterThanOrEqualTo(1);
        });
        assertThat(store.selfCheck().runScheduled(due.plusSeconds(3600), Duration.ofDays(1), settings, List.of()))
                .as("one scheduled run per period, on whichever node claims it").isEmpty();
        assertThat(store.selfCheck().runScheduled(due.plus(Duration.ofDays(1)), Duration.ofDays(1), settings, List.of())
                .orElseThrow().findings())
                .as("closing is done once").noneMatch(f -> f.code().equals(Finding.EXPIRED_GRANT_CLOSED));

        STORE.fixture().rawDatabase().getCollection("audit_entries").updateOne(Filters.eq("_id", 2L), Updates.set("operation", "EXPORT"));
        SelfCheckReport broken = store.selfCheck().run(supervisor, settings, List.of());
        assertThat(broken.chainIntact()).isFalse();
        assertThat(broken.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo(Finding.AUDIT_CHAIN_BROKEN));
    }

    @Test
    void quarantinedFeedEntriesAreReportedAsACountWithoutValuesUntilTheirRecordsChangeAgain() {
        RecordView first = store.records().create(admin, students.nextIn("science/physics/2024-1", LocalDate.now()), null);
        RecordView second = store.records().create(admin, students.nextIn("science/physics/2024-1", LocalDate.now()), null);
        long head = store.changes().head();
        // As the search index does with entries it cannot take; the second one met twice (a replay), recorded once.
        store.changes().quarantine(head - 1, first.id(), 1, "UNIT_INVALID");
        store.changes().quarantine(head, second.id(), 1, "DOCUMENT_FAILED");
        store.changes().quarantine(head, second.id(), 1, "DOCUMENT_FAILED");

        SelfCheckReport report = store.selfCheck().run(supervisor, CheckSettings.DEFAULTS, List.of());
        assertThat(report.findings()).filteredOn(f -> f.code().equals(Finding.FEED_QUARANTINED)).singleElement()
                .satisfies(f -> {
                    assertThat(f.count()).isEqualTo(2);
                    assertThat(f.actor()).isNull();
                    assertThat(f.from()).isNotNull();
                    assertThat(f.to()).isAfterOrEqualTo(f.from());
                });
        assertThat(store.selfCheck().run(supervisor, CheckSettings.DEFAULTS, List.of()).findings())
                .as("a re-run reports them again while they stand")
                .anySatisfy(f -> assertThat(f.code()).isEqualTo(Finding.FEED_QUARANTINED));

        // Changed again, a record goes through the feed anew: its old entry no longer stands.
        store.records().update(admin, first.id(), 1, "{\"contact\":{\"email\":\"q1@students.example.edu\"}}");
        assertThat(store.selfCheck().run(supervisor, CheckSettings.DEFAULTS, List.of()).findings())
                .filteredOn(f -> f.code().equals(Finding.FEED_QUARANTINED)).singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(1));
        store.records().update(admin, second.id(), 1, "{\"contact\":{\"email\":\"q2@students.example.edu\"}}");
        assertThat(store.selfCheck().run(supervisor, CheckSettings.DEFAULTS, List.of()).findings())
                .noneMatch(f -> f.code().equals(Finding.FEED_QUARANTINED));
    }

    @Test
    void onlySupervisorsAndAdministratorsRunIt() {
        AccessContext staff = Principals.staff(UUID.randomUUID().toString(), Principals.allScopes(), "science");
        assertThatThrownBy(() -> store.selfCheck().run(staff, CheckSettings.DEFAULTS, List.of()))
                .is(Kinds.REFUSED);
        assertThatThrownBy(() -> store.selfCheck().latest(staff)).is(Kinds.REFUSED);
    }

    private static AccessContext supervisor() {
        return AccessContext.builder()
                .subject(UUID.randomUUID().toString())
                .clientId("campus-portal")
                .clientTrust(ClientTrust.INTERNAL)
                .scopes(Set.of("student.audit"))
                .roles(Set.of("records-supervisor"))
                .purpose("administration")
                .realmPurposes(Principals.REALM_PURPOSES)
                .clientPurposes(Set.of("administration"))
                .now(Instant.now())
                .build();
    }
}
