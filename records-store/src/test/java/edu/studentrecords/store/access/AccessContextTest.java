package edu.studentrecords.store.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessContextTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static AccessContext.Builder person() {
        return AccessContext.builder().subject("u-42").clientId("campus-portal").now(NOW);
    }

    @Test
    void clientWithoutTrustAttributeIsExternal() {
        assertThat(ClientTrust.fromAttribute(null)).isEqualTo(ClientTrust.EXTERNAL);
        assertThat(ClientTrust.fromAttribute("")).isEqualTo(ClientTrust.EXTERNAL);
        assertThat(ClientTrust.fromAttribute("internally")).isEqualTo(ClientTrust.EXTERNAL);
        assertThat(ClientTrust.fromAttribute("external")).isEqualTo(ClientTrust.EXTERNAL);
        assertThat(ClientTrust.fromAttribute(" Internal ")).isEqualTo(ClientTrust.INTERNAL);
        assertThat(AccessContext.builder().serviceAccount(true).clientId("c").now(NOW).build().clientTrust())
                .isEqualTo(ClientTrust.EXTERNAL);
    }

    @Test
    void eitherAPersonOrTheClientItselfActs() {
        assertThatThrownBy(() -> person().serviceAccount(true).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessContext.builder().clientId("c").now(NOW).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiresClientAndInstant() {
        assertThatThrownBy(() -> person().clientId(" ").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> person().now(null).build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void blankPurposeCountsAsMissing() {
        assertThat(person().purpose("  ").build().purpose()).isNull();
    }

    @Test
    void aServiceAccountHoldsNoRoles() {
        AccessContext ctx = AccessContext.builder().serviceAccount(true).clientId("c").now(NOW)
                .roles(Set.of("records-admin")).build();

        assertThat(ctx.hasRole(RealmRole.ADMIN)).isFalse();
    }

    @Test
    void toStringNamesGrantsByIdOnly() {
        Grant grant = Grant.builder().id("g-1").clientId("c").purpose("p").groups(Set.of(FieldGroup.PROFILE))
                .recordIds(Set.of("r-1")).agreementReference("NDA-SECRET-TERMS").agreementSha256("a".repeat(64))
                .requestedBy("u-1").expiresAt(NOW).build();

        String text = person().purpose("teaching").grants(List.of(grant)).build().toString();

        assertThat(text).contains("g-1", "campus-portal", "teaching").doesNotContain("NDA-SECRET-TERMS");
    }
}
