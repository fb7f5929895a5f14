package edu.studentrecords.store.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who receives notices of changes: an application acting for itself, never a person, self service or impersonation. */
class RecipientCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final AccessPolicy policy = new AccessPolicy();

    @Test
    void anApplicationActingForItselfReceivesItsNotices() {
        AccessContext library = AccessContext.builder().serviceAccount(true).clientId("library-app").now(NOW).build();
        assertThat(policy.checkRecipient(library)).isEmpty();
    }

    @Test
    void aPersonEvenAnAdministratorDoesNot() {
        AccessContext admin = AccessContext.builder().subject("ada").clientId("campus-portal")
                .clientTrust(ClientTrust.INTERNAL).roles(Set.of(RealmRole.ADMIN.roleName()))
                .scopes(Set.of(StudentScope.ADMIN.scopeName())).now(NOW).build();
        assertThat(policy.checkRecipient(admin)).map(AccessDecision.Denied::reason)
                .contains(DenialReason.OPERATION_REQUIRES_CLIENT);
    }

    @Test
    void selfServiceAndImpersonationDoNot() {
        AccessContext student = AccessContext.builder().subject("alice").clientId("account-console").selfService(true)
                .now(NOW).build();
        assertThat(policy.checkRecipient(student)).map(AccessDecision.Denied::reason)
                .contains(DenialReason.OPERATION_NOT_SELF_SERVICE);
        AccessContext impersonated = AccessContext.builder().subject("alice").clientId("campus-portal")
                .impersonator("ada").now(NOW).build();
        assertThat(policy.checkRecipient(impersonated)).map(AccessDecision.Denied::reason)
                .contains(DenialReason.IMPERSONATED);
    }
}
