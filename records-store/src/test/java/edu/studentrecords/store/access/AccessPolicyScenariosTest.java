package edu.studentrecords.store.access;

import static edu.studentrecords.store.model.FieldGroup.CONTACT;
import static edu.studentrecords.store.model.FieldGroup.GUARDIANS;
import static edu.studentrecords.store.model.FieldGroup.IDENTITY;
import static edu.studentrecords.store.model.FieldGroup.PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.access.AccessDecision.Allowed;
import edu.studentrecords.store.access.AccessDecision.Basis;
import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.AccessDecision.Visibility;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One readable scenario per rule of the access decision. */
class AccessPolicyScenariosTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Set<String> ALL_READS = Set.of("student.profile.read", "student.identity.read",
            "student.contact.read", "student.guardians.read");

    private static final AccessTarget ALICE = new AccessTarget("r-alice", "alice", UnitPath.parse("science/physics/2024-1"));
    private static final AccessTarget BOB = new AccessTarget("r-bob", "bob", UnitPath.parse("science/physics/2024-1"));
    private static final AccessTarget ERIN = new AccessTarget("r-erin", "erin", UnitPath.parse("arts/history/2024-2"));

    private final AccessPolicy policy = new AccessPolicy();

    private static AccessContext.Builder internalPerson(String subject, String... roles) {
        return AccessContext.builder().subject(subject).roles(Set.of(roles))
                .clientId("campus-portal").clientTrust(ClientTrust.INTERNAL)
                .purpose("teaching").realmPurposes(Set.of("teaching", "statistics")).clientPurposes(Set.of("teaching"))
                .now(NOW);
    }

    private static AccessContext.Builder student() {
        return internalPerson("alice", "student").clientId("account-console").scopes(Set.of("student.self"))
                .purpose(null).selfService(true);
    }

    private static Grant.Builder grant(String id) {
        return Grant.builder().id(id).clientId("census-bureau").purpose("statistics")
                .groups(Set.of(PROFILE, CONTACT)).units(Set.of(UnitPath.parse("science")))
                .agreementReference("NDA-" + id).agreementSha256("0".repeat(64))
                .requestedBy("u-req").approvedBy("u-admin").expiresAt(NOW.plusSeconds(86_400));
    }

    private static AccessContext.Builder outsideBody(Grant... grants) {
        return AccessContext.builder().subject("ext-user").roles(Set.of("records-admin"))
                .clientId("census-bureau").clientTrust(ClientTrust.EXTERNAL)
                .scopes(ALL_READS).purpose("statistics").realmPurposes(Set.of("teaching", "statistics"))
                .grants(List.of(grants)).now(NOW);
    }

    private static Denied denied(DenialReason reason, Visibility visibility) {
        return new Denied(reason, visibility);
    }

    @Test
    void studentReadsAndExportsAllOfTheirOwnRecordWithoutPurpose() {
        AccessContext ctx = student().build();

        assertThat(policy.decide(ctx, Operation.READ, ALICE, FieldGroup.ALL))
                .isEqualTo(new Allowed(FieldGroup.ALL, Basis.SELF, null));
        assertThat(policy.decide(ctx, Operation.EXPORT, ALICE, FieldGroup.ALL))
                .isEqualTo(new Allowed(FieldGroup.ALL, Basis.SELF, null));
    }

    @Test
    void anotherStudentsRecordDoesNotExistForThem() {
        assertThat(policy.decide(student().build(), Operation.READ, BOB, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.NOT_OWN_RECORD, Visibility.NOT_FOUND));
    }

    @Test
    void studentChangesContactAndGuardiansButNotProfileOrIdentity() {
        AccessContext ctx = student().build();

        assertThat(policy.decide(ctx, Operation.UPDATE, ALICE, Set.of(CONTACT, GUARDIANS)))
                .isEqualTo(new Allowed(Set.of(CONTACT, GUARDIANS), Basis.SELF, null));
        assertThat(policy.decide(ctx, Operation.UPDATE, ALICE, Set.of(CONTACT, IDENTITY)))
                .isEqualTo(denied(DenialReason.GROUP_NOT_SELF_EDITABLE, Visibility.FORBIDDEN));
    }

    @Test
    void selfServiceNeedsScopeInternalClientAndStudentRole() {
        assertThat(policy.decide(student().scopes(ALL_READS).build(), Operation.READ, ALICE, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.SCOPE_MISSING, Visibility.FORBIDDEN));
        assertThat(policy.decide(student().clientTrust(ClientTrust.EXTERNAL).build(), Operation.READ, ALICE,
                FieldGroup.ALL)).isEqualTo(denied(DenialReason.CLIENT_NOT_INTERNAL, Visibility.FORBIDDEN));
        assertThat(policy.decide(student().roles(Set.of("records-staff")).build(), Operation.READ, ALICE,
                FieldGroup.ALL)).isEqualTo(denied(DenialReason.NOT_AUTHENTICATED_AS_STUDENT, Visibility.FORBIDDEN));
    }

    @Test
    void studentsDoNotSearchPurgeOrEnrolThroughSelfService() {
        AccessContext ctx = student().build();

        for (Operation op : List.of(Operation.SEARCH, Operation.PURGE, Operation.CREATE)) {
            assertThat(policy.decide(ctx, op, ALICE, FieldGroup.ALL))
                    .isEqualTo(denied(DenialReason.OPERATION_NOT_SELF_SERVICE, Visibility.FORBIDDEN));
        }
    }

    @Test
    void studentOutsideSelfServiceReachesNoRecordNotEvenTheirOwn() {
        AccessContext ctx = student().selfService(false).purpose("teaching").scopes(ALL_READS).build();

        assertThat(policy.decide(ctx, Operation.READ, ALICE, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.NO_ROLE, Visibility.NOT_FOUND));
    }

    @Test
    void missingUnknownOrForeignPurposeIsForbiddenEvenForAnInvisibleRecord() {
        AccessContext.Builder staff = internalPerson("sam", "records-staff").scopes(ALL_READS)
                .units(Set.of(UnitPath.parse("science")));

        assertThat(policy.decide(staff.purpose(null).build(), Operation.READ, ERIN, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.PURPOSE_MISSING, Visibility.FORBIDDEN));
        assertThat(policy.decide(staff.purpose("marketing").build(), Operation.READ, ERIN, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.PURPOSE_UNKNOWN, Visibility.FORBIDDEN));
        assertThat(policy.decide(staff.purpose("statistics").build(), Operation.READ, ERIN, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.PURPOSE_NOT_ALLOWED_FOR_CLIENT, Visibility.FORBIDDEN));
    }

    @Test
    void staffReadTheirUnitAndBelowOnlyForScopedGroups() {
        AccessContext ctx = internalPerson("sam", "records-staff").units(Set.of(UnitPath.parse("science/physics")))
                .scopes(Set.of("student.profile.read", "student.contact.read")).build();

        assertThat(policy.decide(ctx, Operation.READ, ALICE, FieldGroup.ALL))
                .isEqualTo(new Allowed(Set.of(PROFILE, CONTACT), Basis.STAFF, null));
        assertThat(policy.decide(ctx, Operation.READ, ALICE, Set.of(IDENTITY)))
                .isEqualTo(denied(DenialReason.SCOPE_MISSING, Visibility.FORBIDDEN));
        assertThat(policy.decide(ctx, Operation.READ, ERIN, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.OUTSIDE_UNITS, Visibility.NOT_FOUND));
    }

    @Test
    void anUpdateIsAllowedWhollyOrNotAtAll() {
        AccessContext ctx = internalPerson("sam", "records-staff").units(Set.of(UnitPath.parse("science")))
                .scopes(Set.of("student.contact.write")).build();

        assertThat(policy.decide(ctx, Operation.UPDATE, ALICE, Set.of(CONTACT)))
                .isEqualTo(new Allowed(Set.of(CONTACT), Basis.STAFF, null));
        assertThat(policy.decide(ctx, Operation.UPDATE, ALICE, Set.of(CONTACT, GUARDIANS)))
                .isEqualTo(denied(DenialReason.SCOPE_MISSING, Visibility.FORBIDDEN));
    }

    @Test
    void adminReachesEveryUnitAndAloneEnrolsExportsAndPurges() {
        AccessContext.Builder admin = internalPerson("ada", "records-admin", "records-staff")
                .units(Set.of(UnitPath.parse("law")))
                .scopes(Set.of("student.profile.read", "student.admin", "student.purge"));
        AccessContext staff = internalPerson("sam", "records-staff").units(Set.of(UnitPath.parse("science")))
                .scopes(Set.of("student.profile.read", "student.admin", "student.purge")).build();

        assertThat(policy.decide(admin.build(), Operation.READ, ERIN, FieldGroup.ALL))
                .isEqualTo(new Allowed(Set.of(PROFILE), Basis.ADMIN, null));
        assertThat(policy.decide(admin.build(), Operation.CREATE, null, FieldGroup.ALL))
                .isEqualTo(new Allowed(FieldGroup.ALL, Basis.ADMIN, null));
        assertThat(policy.decide(admin.build(), Operation.EXPORT, ERIN, FieldGroup.ALL))
                .isEqualTo(new Allowed(Set.of(PROFILE), Basis.ADMIN, null));
        assertThat(policy.decide(admin.build(), Operation.PURGE, ERIN, Set.of()))
                .isEqualTo(new Allowed(FieldGroup.ALL, Basis.ADMIN, null));
        assertThat(policy.decide(admin.scopes(Set.of()).build(), Operation.PURGE, ERIN, Set.of()))
                .isEqualTo(denied(DenialReason.SCOPE_MISSING, Visibility.FORBIDDEN));
        assertThat(policy.decide(staff, Operation.CREATE, null, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.OPERATION_REQUIRES_ADMIN, Visibility.FORBIDDEN));
        assertThat(policy.decide(staff, Operation.PURGE, ALICE, Set.of()))
                .isEqualTo(denied(DenialReason.OPERATION_REQUIRES_ADMIN, Visibility.FORBIDDEN));
        assertThat(policy.decide(staff, Operation.PURGE, ERIN, Set.of()))
                .isEqualTo(denied(DenialReason.OUTSIDE_UNITS, Visibility.NOT_FOUND));
    }

    @Test
    void supervisorNeverSeesRecordContents() {
        AccessContext ctx = internalPerson("sue", "records-supervisor").scopes(ALL_READS).build();

        assertThat(policy.decide(ctx, Operation.READ, ALICE, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.SUPERVISOR_NO_RECORD_ACCESS, Visibility.NOT_FOUND));
        assertThat(policy.decide(ctx, Operation.SEARCH, null, Set.of(PROFILE)))
                .isEqualTo(denied(DenialReason.SUPERVISOR_NO_RECORD_ACCESS, Visibility.FORBIDDEN));
    }

    @Test
    void internalServiceAccountIsStaffOfItsClientUnits() {
        AccessContext.Builder service = internalPerson(null).serviceAccount(true).scopes(ALL_READS);

        assertThat(policy.decide(service.clientUnits(Set.of(UnitPath.ALL)).build(), Operation.READ, ERIN,
                Set.of(PROFILE))).isEqualTo(new Allowed(Set.of(PROFILE), Basis.CLIENT, null));
        assertThat(policy.decide(service.clientUnits(Set.of(UnitPath.parse("science"))).build(), Operation.READ,
                ERIN, Set.of(PROFILE))).isEqualTo(denied(DenialReason.OUTSIDE_UNITS, Visibility.NOT_FOUND));
        assertThat(policy.decide(service.clientUnits(Set.of()).build(), Operation.READ, ERIN, Set.of(PROFILE)))
                .isEqualTo(denied(DenialReason.NO_ROLE, Visibility.NOT_FOUND));
    }

    @Test
    void outsideBodyWithoutActiveGrantIsRefusedOutright() {
        AccessContext ctx = outsideBody(grant("g-1").approvedBy(null).build()).build();

        assertThat(policy.decide(ctx, Operation.READ, ALICE, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.NO_ACTIVE_GRANT, Visibility.FORBIDDEN));
    }

    @Test
    void outsideBodyReadsGrantedGroupsOfCoveredRecordsOnlyWhateverItsPersonsRoles() {
        AccessContext ctx = outsideBody(grant("g-1").build()).build();

        assertThat(policy.decide(ctx, Operation.READ, ALICE, FieldGroup.ALL))
                .isEqualTo(new Allowed(Set.of(PROFILE, CONTACT), Basis.GRANT, "g-1"));
        assertThat(policy.decide(ctx, Operation.READ, ALICE, Set.of(IDENTITY)))
                .isEqualTo(denied(DenialReason.GROUP_NOT_GRANTED, Visibility.FORBIDDEN));
        assertThat(policy.decide(ctx, Operation.READ, ERIN, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.GRANT_DOES_NOT_COVER, Visibility.NOT_FOUND));
    }

    @Test
    void theGrantMustServeTheDeclaredPurpose() {
        AccessContext ctx = outsideBody(grant("g-1").build()).purpose("teaching").build();

        assertThat(policy.decide(ctx, Operation.READ, ALICE, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.NO_ACTIVE_GRANT, Visibility.FORBIDDEN));
    }

    @Test
    void revocationWorksOnTheNextRequest() {
        Grant granted = grant("g-1").build();
        AccessContext before = outsideBody(granted).build();
        AccessContext after = outsideBody(granted.toBuilder().revokedAt(NOW).build()).build();

        assertThat(policy.decide(before, Operation.READ, ALICE, FieldGroup.ALL).isAllowed()).isTrue();
        assertThat(policy.decide(after, Operation.READ, ALICE, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.NO_ACTIVE_GRANT, Visibility.FORBIDDEN));
    }

    @Test
    void severalCoveringGrantsOpenTheirUnionAndTheDecisionNamesOneDeterministically() {
        Grant wide = grant("g-wide").groups(Set.of(PROFILE, CONTACT, GUARDIANS)).build();
        Grant narrowLate = grant("g-narrow-late").groups(Set.of(IDENTITY)).expiresAt(NOW.plusSeconds(999_999)).build();
        Grant wideEarly = grant("g-wide-early").groups(Set.of(PROFILE, IDENTITY, CONTACT))
                .expiresAt(NOW.plusSeconds(60)).build();

        AccessDecision decision = policy.decide(outsideBody(narrowLate, wide, wideEarly).build(), Operation.READ,
                ALICE, FieldGroup.ALL);
        AccessDecision reordered = policy.decide(outsideBody(wideEarly, narrowLate, wide).build(), Operation.READ,
                ALICE, FieldGroup.ALL);

        assertThat(decision).isEqualTo(new Allowed(FieldGroup.ALL, Basis.GRANT, "g-wide-early"))
                .isEqualTo(reordered);
    }

    @Test
    void grantsOpenNoWritesExportsPurgesOrEnrolments() {
        AccessContext ctx = outsideBody(grant("g-1").build())
                .scopes(Set.of("student.contact.write", "student.purge", "student.admin")).build();

        assertThat(policy.decide(ctx, Operation.UPDATE, ALICE, Set.of(CONTACT)))
                .isEqualTo(denied(DenialReason.OPERATION_NOT_GRANTABLE, Visibility.FORBIDDEN));
        assertThat(policy.decide(ctx, Operation.PURGE, ALICE, Set.of()))
                .isEqualTo(denied(DenialReason.OPERATION_NOT_GRANTABLE, Visibility.FORBIDDEN));
        assertThat(policy.decide(ctx, Operation.CREATE, null, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.OPERATION_NOT_GRANTABLE, Visibility.FORBIDDEN));
        assertThat(policy.decide(ctx, Operation.EXPORT, ERIN, FieldGroup.ALL))
                .isEqualTo(denied(DenialReason.GRANT_DOES_NOT_COVER, Visibility.NOT_FOUND));
    }

    @Test
    void aReadNamingNoGroupIsRefused() {
        AccessContext ctx = internalPerson("ada", "records-admin").scopes(ALL_READS).build();

        assertThat(policy.decide(ctx, Operation.READ, ALICE, Set.of()))
                .isEqualTo(denied(DenialReason.NO_GROUPS_REQUESTED, Visibility.FORBIDDEN));
    }

    @Test
    void recordOperationsNeedATarget() {
        AccessContext ctx = internalPerson("ada", "records-admin").build();

        assertThatThrownBy(() -> policy.decide(ctx, Operation.READ, null, FieldGroup.ALL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowedDecisionIsNotChangedThroughTheRequestedSet() {
        AccessContext ctx = internalPerson("ada", "records-admin").scopes(ALL_READS).build();
        Set<FieldGroup> requested = EnumSet.of(PROFILE);

        Allowed allowed = (Allowed) policy.decide(ctx, Operation.READ, ALICE, requested);
        requested.add(IDENTITY);

        assertThat(allowed.groups()).containsExactly(PROFILE);
    }
}
