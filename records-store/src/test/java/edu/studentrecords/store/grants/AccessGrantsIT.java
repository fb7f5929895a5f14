package edu.studentrecords.store.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Access grants against a real embedded store process: four eyes, coverage, revocation, expiry, history. */
class AccessGrantsIT {

    private static final String BUREAU = "city-statistics-bureau";
    private static final byte[] AGREEMENT = "%PDF-1.7\n% signed confidentiality agreement (generated)\n"
            .getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    static StudentRecords store;
    static final GeneratedStudents students = new GeneratedStudents(7);
    static final AccessContext dave = Principals.admin(UUID.randomUUID().toString());
    static final AccessContext erin = Principals.admin(UUID.randomUUID().toString());

    @BeforeAll
    static void start() {
        store = STORE.store();
    }

    @Test
    void aGrantOpensOnlyItsGroupsUnitAndPurposeAfterASecondAdminApprovesItAndNothingAfterRevocation() throws Exception {
        RecordView inUnit = enrol("science/physics/2024-1");
        RecordView elsewhere = enrol("arts/history/2024-2");
        StoredGrant requested = store.grants().request(dave, request("science/physics", Instant.now().plus(Duration.ofDays(30))),
                BUREAU::equals);
        assertThat(requested.stateAt(Instant.now())).isEqualTo(GrantState.PENDING);
        assertThat(requested.grant().agreementSha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(AGREEMENT)));
        String id = requested.grant().id();

        // Pending: nothing opens.
        assertThatThrownBy(() -> store.records().read(bureau("statistics"), inUnit.id())).is(Kinds.REFUSED);
        // Four eyes: the requester may not approve.
        assertThatThrownBy(() -> store.grants().approve(dave, id)).is(Kinds.FOUR_EYES);
        StoredGrant approved = store.grants().approve(erin, id);
        assertThat(approved.stateAt(Instant.now())).isEqualTo(GrantState.ACTIVE);
        assertThat(approved.grant().approvedBy()).isEqualTo(erin.subject());
        assertThatThrownBy(() -> store.grants().approve(erin, id)).is(Kinds.CONFLICT);

        RecordView seen = store.records().read(bureau("statistics"), inUnit.id());
        assertThat(seen.groups()).containsExactly(FieldGroup.PROFILE);
        assertThatThrownBy(() -> store.records().read(bureau("statistics"), elsewhere.id())).is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> store.records().read(bureau("teaching"), inUnit.id())).is(Kinds.REFUSED);

        store.grants().revoke(erin, id);
        assertThatThrownBy(() -> store.records().read(bureau("statistics"), inUnit.id())).is(Kinds.REFUSED);
        assertThatThrownBy(() -> store.grants().revoke(dave, id)).is(Kinds.CONFLICT);

        List<AuditEntry> history = store.grants().history(dave, id, 0, 100);
        assertThat(history).extracting(AuditEntry::operation)
                .containsSubsequence("GRANT_REVOKE", "READ", "GRANT_APPROVE", "GRANT_APPROVE", "GRANT_REQUEST");
        assertThat(history).filteredOn(e -> e.operation().equals("READ"))
                .extracting(AuditEntry::recordId).containsOnly(inUnit.id());
        // The student's own history shows the use and the grant behind it.
        assertThat(store.auditTrail().historyOf(inUnit.id(), null, null, 0, 100))
                .anySatisfy(e -> assertThat(e.grantId()).isEqualTo(id));
    }

    @Test
    void anExpiredGrantOpensNothingAndCannotBeApproved() {
        RecordView inUnit = enrol("science/chemistry/2024-1");
        Instant soon = Instant.now().plus(Duration.ofHours(1));
        String id = store.grants().request(dave, request("science/chemistry", soon), BUREAU::equals).grant().id();
        store.grants().approve(erin, id);
        assertThat(store.records().read(bureau("statistics"), inUnit.id()).groups()).containsExactly(FieldGroup.PROFILE);

        AccessContext later = bureauAt("statistics", soon.plusSeconds(1));
        assertThatThrownBy(() -> store.records().read(later, inUnit.id())).is(Kinds.REFUSED);

        String pending = store.grants().request(dave, request("science/chemistry", soon), BUREAU::equals).grant().id();
        AccessContext erinLater = Principals.admin(erin.subject(), soon.plusSeconds(1));
        assertThatThrownBy(() -> store.grants().approve(erinLater, pending))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo("EXPIRED"));
    }

    @Test
    void onlyAdministratorsManageGrantsAndABadRequestIsRefusedWholeNamingEveryField() {
        AccessContext staff = Principals.staff(UUID.randomUUID().toString(), Principals.allScopes(), "science");
        assertThatThrownBy(() -> store.grants().request(staff, request("science", Instant.now().plusSeconds(60)), BUREAU::equals))
                .is(Kinds.REFUSED);
        assertThatThrownBy(() -> store.grants().list(staff)).is(Kinds.REFUSED);

        long before = STORE.fixture().rawDatabase().getCollection("grants").countDocuments();
        GrantRequest bad = new GrantRequest("campus-portal", "gossip", Set.of(), List.of("not-an-id"), List.of("*"),
                Instant.now().minus(Duration.ofDays(1)), new GrantRequest.Agreement(" ", "a.pdf", "application/pdf", new byte[0]));
        assertThatThrownBy(() -> store.grants().request(dave, bad, BUREAU::equals))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("clientId", "purpose", "groups", "recordIds[0]", "units[0]", "expiresAt",
                                "agreement.reference", "agreement.content"));
        assertThat(STORE.fixture().rawDatabase().getCollection("grants").countDocuments()).isEqualTo(before);
    }

    private static RecordView enrol(String unit) {
        StudentRecord content = students.nextIn(unit, LocalDate.now());
        return store.records().create(dave, content, null);
    }

    private static GrantRequest request(String unit, Instant expiresAt) {
        return new GrantRequest(BUREAU, "statistics", Set.of(FieldGroup.PROFILE), List.of(), List.of(unit), expiresAt,
                new GrantRequest.Agreement("CSB-2026-001", "agreement.pdf", "application/pdf", AGREEMENT));
    }

    private static AccessContext bureau(String purpose) {
        return bureauAt(purpose, Instant.now());
    }

    private static AccessContext bureauAt(String purpose, Instant now) {
        List<Grant> grants = store.grants().ofClient(BUREAU);
        return AccessContext.builder()
                .serviceAccount(true)
                .clientId(BUREAU)
                .clientTrust(ClientTrust.EXTERNAL)
                .scopes(Set.of("student.profile.read", "student.identity.read"))
                .purpose(purpose)
                .realmPurposes(Principals.REALM_PURPOSES)
                .grants(grants)
                .now(now)
                .build();
    }
}
