package edu.studentrecords.store.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static Grant.Builder approvedGrant() {
        return Grant.builder()
                .id("g-1").clientId("census-bureau").purpose("statistics")
                .groups(EnumSet.of(FieldGroup.PROFILE))
                .recordIds(Set.of("r-7")).units(Set.of(UnitPath.parse("science/physics")))
                .agreementReference("NDA-2026-014").agreementSha256("AB".repeat(32))
                .requestedBy("u-requester").approvedBy("u-approver")
                .expiresAt(NOW.plusSeconds(3_600));
    }

    @Test
    void approvedUnrevokedUnexpiredGrantIsActive() {
        assertThat(approvedGrant().build().isActiveAt(NOW)).isTrue();
    }

    @Test
    void unapprovedGrantIsNotActive() {
        Grant grant = approvedGrant().approvedBy(null).build();

        assertThat(grant.isApproved()).isFalse();
        assertThat(grant.isActiveAt(NOW)).isFalse();
    }

    @Test
    void revokedGrantIsNotActiveWhateverTheRevocationInstant() {
        assertThat(approvedGrant().revokedAt(NOW.minusSeconds(1)).build().isActiveAt(NOW)).isFalse();
        assertThat(approvedGrant().revokedAt(NOW.plusSeconds(60)).build().isActiveAt(NOW)).isFalse();
    }

    @Test
    void grantStopsAtItsExpiryInstant() {
        Grant grant = approvedGrant().expiresAt(NOW).build();

        assertThat(grant.isActiveAt(NOW.minusMillis(1))).isTrue();
        assertThat(grant.isActiveAt(NOW)).isFalse();
    }

    @Test
    void coversListedRecordsAndRecordsInItsUnits() {
        Grant grant = approvedGrant().build();

        assertThat(grant.covers(new AccessTarget("r-7", "s", UnitPath.parse("law")))).isTrue();
        assertThat(grant.covers(new AccessTarget("r-8", "s", UnitPath.parse("science/physics/2024-1")))).isTrue();
        assertThat(grant.covers(new AccessTarget("r-8", "s", UnitPath.parse("science")))).isFalse();
        assertThat(grant.covers(new AccessTarget("r-8", "s", UnitPath.parse("science/physicsx")))).isFalse();
    }

    @Test
    void keepsTheAgreementHashInLowerCase() {
        assertThat(approvedGrant().build().agreementSha256()).isEqualTo("ab".repeat(32));
    }

    @Test
    void rejectsAnIncompleteOrOverbroadGrant() {
        assertThatThrownBy(() -> approvedGrant().agreementSha256("ab".repeat(31)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> approvedGrant().agreementSha256("zz".repeat(32)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> approvedGrant().groups(Set.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> approvedGrant().recordIds(Set.of()).units(Set.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> approvedGrant().units(Set.of(UnitPath.ALL)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> approvedGrant().purpose(" ").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> approvedGrant().expiresAt(null).build())
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> approvedGrant().approvedBy("").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isNotChangedThroughTheSetsItWasBuiltFrom() {
        Set<String> ids = new HashSet<>(Set.of("r-1"));
        Grant grant = approvedGrant().recordIds(ids).build();
        ids.add("r-2");

        assertThat(grant.recordIds()).containsExactly("r-1");
        assertThatThrownBy(() -> grant.groups().add(FieldGroup.IDENTITY))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderDerivesARevokedCopy() {
        Grant grant = approvedGrant().build();

        Grant revoked = grant.toBuilder().revokedAt(NOW).build();

        assertThat(revoked.isRevoked()).isTrue();
        assertThat(revoked.toBuilder().revokedAt(null).build()).isEqualTo(grant);
    }
}
