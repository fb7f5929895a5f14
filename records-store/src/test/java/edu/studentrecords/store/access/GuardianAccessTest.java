package edu.studentrecords.store.access;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessDecision.Allowed;
import edu.studentrecords.store.access.AccessDecision.Basis;
import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.AccessDecision.Visibility;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A guardian acting for a linked child: every group readable and contact and guardians writable until the child's 18th
 * birthday, nothing of any other record (not found), nothing outside the guardian endpoints; consents under 14 by the
 * guardian only, from 14 by the student only.
 */
class GuardianAccessTest {

    /** 10:00 in Beijing on 5 December 2026. */
    private static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");
    private static final AccessTarget CHILD = new AccessTarget("child-record", "child", UnitPath.parse("science/physics"));
    private static final AccessTarget OTHER = new AccessTarget("other-record", "other", UnitPath.parse("science/physics"));
    private final AccessPolicy policy = new AccessPolicy();

    @Test
    void aLinkedGuardianReadsEveryGroupAndChangesContactAndGuardiansOfAChildUnder18() {
        AccessContext grace = guardian(LocalDate.of(2014, 6, 1), Instant.parse("2026-12-05T02:00:00Z"));
        assertThat(policy.decide(grace, Operation.READ, CHILD, FieldGroup.ALL))
                .isEqualTo(new Allowed(FieldGroup.ALL, Basis.GUARDIAN, null));
        assertThat(policy.decide(grace, Operation.UPDATE, CHILD, Set.of(FieldGroup.CONTACT, FieldGroup.GUARDIANS)))
                .isInstanceOf(Allowed.class);
        assertThat(reason(policy.decide(grace, Operation.UPDATE, CHILD, Set.of(FieldGroup.PROFILE))))
                .isEqualTo(DenialReason.GROUP_NOT_EDITABLE_BY_GUARDIAN);
        assertThat(reason(policy.decide(grace, Operation.EXPORT, CHILD, FieldGroup.ALL)))
                .isEqualTo(DenialReason.OPERATION_NOT_SELF_SERVICE);
        assertThat(reason(policy.decide(grace, Operation.PURGE, CHILD, FieldGroup.ALL)))
                .isEqualTo(DenialReason.OPERATION_NOT_SELF_SERVICE);
        assertThat(policy.searchScope(grace)).isInstanceOf(SearchScope.Refused.class);
        assertThat(policy.checkDuty(grace, Duty.MANAGE_GUARDIANS)).isPresent();
    }

    @Test
    void anyOtherRecordIsNotFound() {
        AccessContext grace = guardian(LocalDate.of(2014, 6, 1), NOW);
        assertThat(policy.decide(grace, Operation.READ, OTHER, FieldGroup.ALL))
                .isEqualTo(new Denied(DenialReason.NOT_LINKED_GUARDIAN, Visibility.NOT_FOUND));
    }

    @Test
    void theLinkEndsOnTheEighteenthBirthdayInTheSchoolsTimeZone() {
        LocalDate born = LocalDate.of(2008, 12, 6);
        // 23:59 on 5 December in Beijing: still 17.
        AccessContext before = guardian(born, Instant.parse("2026-12-05T15:59:00Z"));
        assertThat(policy.decide(before, Operation.READ, CHILD, FieldGroup.ALL)).isInstanceOf(Allowed.class);
        // 00:00 on 6 December in Beijing: 18.
        AccessContext after = guardian(born, Instant.parse("2026-12-05T16:00:00Z"));
        assertThat(policy.decide(after, Operation.READ, CHILD, FieldGroup.ALL))
                .isEqualTo(new Denied(DenialReason.PROXY_ENDED, Visibility.FORBIDDEN));
    }

    @Test
    void onlyAGuardianWithTheScopeThroughAnInternalClientUsesTheGuardianEndpoints() {
        LocalDate born = LocalDate.of(2014, 6, 1);
        AccessContext noRole = base(born, NOW).roles(Set.of(RealmRole.STUDENT.roleName())).build();
        assertThat(reason(policy.decide(noRole, Operation.READ, CHILD, FieldGroup.ALL)))
                .isEqualTo(DenialReason.NOT_A_GUARDIAN);
        assertThat(policy.checkGuardian(noRole)).map(Denied::reason).contains(DenialReason.NOT_A_GUARDIAN);
        AccessContext noScope = base(born, NOW).scopes(Set.of(StudentScope.SELF.scopeName())).build();
        assertThat(reason(policy.decide(noScope, Operation.READ, CHILD, FieldGroup.ALL)))
                .isEqualTo(DenialReason.SCOPE_MISSING);
        AccessContext external = base(born, NOW).clientTrust(ClientTrust.EXTERNAL).build();
        assertThat(reason(policy.decide(external, Operation.READ, CHILD, FieldGroup.ALL)))
                .isEqualTo(DenialReason.CLIENT_NOT_INTERNAL);
        AccessContext elsewhere = base(born, NOW).guardianProxy(false).wards(List.of()).build();
        assertThat(policy.checkGuardian(elsewhere)).map(Denied::reason).contains(DenialReason.NOT_A_GUARDIAN);
        assertThat(policy.checkGuardian(guardian(born, NOW))).isEmpty();
    }

    @Test
    void underFourteenTheGuardianConsentsFromFourteenTheStudent() {
        AccessContext grace = guardian(LocalDate.of(2014, 6, 1), NOW);
        AccessContext student = AccessContext.builder().subject("child").clientId("account-console")
                .clientTrust(ClientTrust.INTERNAL).selfService(true).now(NOW).build();
        assertThat(policy.checkConsenting(grace, 13)).isEmpty();
        assertThat(policy.checkConsenting(grace, 14)).map(Denied::reason)
                .contains(DenialReason.STUDENT_CONSENTS_THEMSELVES);
        assertThat(policy.checkConsenting(student, 13)).map(Denied::reason)
                .contains(DenialReason.GUARDIAN_CONSENT_REQUIRED);
        assertThat(policy.checkConsenting(student, 14)).isEmpty();
        AccessContext staff = AccessContext.builder().subject("sam").clientId("campus-portal")
                .clientTrust(ClientTrust.INTERNAL).now(NOW).build();
        assertThat(policy.checkConsenting(staff, 16)).map(Denied::reason)
                .contains(DenialReason.OPERATION_NOT_SELF_SERVICE);
    }

    @Test
    void aSessionUnderImpersonationReadsButNeverChangesOrConsents() {
        AccessContext impersonated = base(LocalDate.of(2014, 6, 1), NOW).impersonator("ada").build();
        assertThat(policy.decide(impersonated, Operation.READ, CHILD, FieldGroup.ALL)).isInstanceOf(Allowed.class);
        assertThat(reason(policy.decide(impersonated, Operation.UPDATE, CHILD, Set.of(FieldGroup.CONTACT))))
                .isEqualTo(DenialReason.IMPERSONATED);
        assertThat(policy.checkConsenting(impersonated, 10)).map(Denied::reason).contains(DenialReason.IMPERSONATED);
    }

    @Test
    void theAgeIsInWholeYearsAndARecordWithoutADateOfBirthIsNoChildsForAGuardian() {
        assertThat(Ward.ageAt(LocalDate.of(2014, 12, 5), NOW)).isEqualTo(12);
        assertThat(Ward.ageAt(LocalDate.of(2014, 12, 6), NOW)).isEqualTo(11);
        assertThat(Ward.ageAt(null, NOW)).isEqualTo(Ward.MAJORITY);
    }

    private static DenialReason reason(AccessDecision decision) {
        return Optional.of(decision).filter(Denied.class::isInstance).map(Denied.class::cast).map(Denied::reason)
                .orElse(null);
    }

    private static AccessContext guardian(LocalDate childBorn, Instant now) {
        return base(childBorn, now).build();
    }

    private static AccessContext.Builder base(LocalDate childBorn, Instant now) {
        return AccessContext.builder().subject("grace").clientId("account-console").clientTrust(ClientTrust.INTERNAL)
                .roles(Set.of(RealmRole.GUARDIAN.roleName())).scopes(Set.of(StudentScope.GUARDIAN.scopeName()))
                .guardianProxy(true).wards(List.of(new Ward(CHILD.recordId(), "link-1", 0, childBorn))).now(now);
    }
}
