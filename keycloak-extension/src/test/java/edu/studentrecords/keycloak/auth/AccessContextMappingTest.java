package edu.studentrecords.keycloak.auth;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ConsentCheck;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.UnitDirectory;
import edu.studentrecords.store.access.UnitPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;

class AccessContextMappingTest {

    private static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");

    private static AccessToken token(String subject, String azp, String scope) {
        AccessToken token = new AccessToken();
        token.subject(subject);
        token.issuedFor(azp);
        token.setScope(scope);
        return token;
    }

    @Test
    void aPersonThroughAnInternalClient() {
        AccessToken token = token("user-1", "registry-app", "openid  student.profile.read student.contact.read");
        CallerFacts facts = new CallerFacts(false, Set.of("records-staff", "default-roles-campus"),
                Set.of(UnitPath.parse("science/physics"), UnitPath.parse("arts/music/2024-1")),
                Map.of("student-records.trust", "internal", "student-records.purposes", "teaching, statistics"),
                "teaching,statistics,library-services");

        AccessContext ctx = AccessContextMapping.toContext(token, facts, "teaching", CallKind.DECLARED_PURPOSE, NOW, List.of(), List.of(), ConsentCheck.NONE);

        assertThat(ctx.subject()).isEqualTo("user-1");
        assertThat(ctx.serviceAccount()).isFalse();
        assertThat(ctx.clientId()).isEqualTo("registry-app");
        assertThat(ctx.clientTrust()).isEqualTo(ClientTrust.INTERNAL);
        assertThat(ctx.scopes()).containsExactlyInAnyOrder("openid", "student.profile.read", "student.contact.read");
        assertThat(ctx.roles()).containsExactlyInAnyOrder("records-staff", "default-roles-campus");
        assertThat(ctx.units()).containsExactlyInAnyOrder(UnitPath.parse("science/physics"), UnitPath.parse("arts/music/2024-1"));
        assertThat(ctx.clientUnits()).isEmpty();
        assertThat(ctx.purpose()).isEqualTo("teaching");
        assertThat(ctx.realmPurposes()).containsExactlyInAnyOrder("teaching", "statistics", "library-services");
        assertThat(ctx.clientPurposes()).containsExactlyInAnyOrder("teaching", "statistics");
        assertThat(ctx.grants()).isEmpty();
        assertThat(ctx.selfService()).isFalse();
        assertThat(ctx.now()).isEqualTo(NOW);
    }

    @Test
    void aServiceAccountActsWithoutSubjectAndWithItsClientUnits() {
        AccessToken token = token("service-account-user-id", "timetable", "student.profile.read");
        CallerFacts facts = new CallerFacts(true, Set.of("default-roles-campus"), Set.of(),
                Map.of("student-records.trust", "internal", "student-records.units", "*"), null);

        AccessContext ctx = AccessContextMapping.toContext(token, facts, "teaching", CallKind.DECLARED_PURPOSE, NOW, List.of(), List.of(), ConsentCheck.NONE);

        assertThat(ctx.subject()).isNull();
        assertThat(ctx.serviceAccount()).isTrue();
        assertThat(ctx.clientUnits()).containsExactly(UnitPath.ALL);
    }

    @Test
    void clientUnitsAreCommaSeparatedAndMalformedOnesAreSkipped() {
        CallerFacts facts = new CallerFacts(false, Set.of(), Set.of(),
                Map.of("student-records.units", "science, ../etc, arts/music"), null);

        AccessContext ctx = AccessContextMapping.toContext(token("u", "c", "openid"), facts, null, CallKind.DECLARED_PURPOSE, NOW, List.of(), List.of(), ConsentCheck.NONE);

        assertThat(ctx.units()).isEmpty();
        assertThat(ctx.clientUnits()).containsExactlyInAnyOrder(UnitPath.parse("science"), UnitPath.parse("arts/music"));
    }

    @Test
    void rolePurposesAndTheImpersonatorReachTheContext() {
        CallerFacts facts = new CallerFacts(false, Set.of("records-staff"), Set.of(), Map.of(), null,
                Map.of(RealmRole.STAFF, "teaching, student-services"), "admin-1", UnitDirectory.NONE);

        AccessContext ctx = AccessContextMapping.toContext(token("u", "c", "openid"), facts, "teaching", CallKind.DECLARED_PURPOSE, NOW,
                List.of(), List.of(), ConsentCheck.NONE);

        assertThat(ctx.rolePurposes()).containsExactly(
                Map.entry(RealmRole.STAFF, Set.of("teaching", "student-services")));
        assertThat(ctx.impersonator()).isEqualTo("admin-1");
    }

    @Test
    void aStudentOnTheirOwnRecordAndAGuardianForTheirChildCarryNoPurposeWhateverTheyDeclare() {
        CallerFacts facts = new CallerFacts(false, Set.of("student", "guardian"), Set.of(),
                Map.of("student-records.trust", "internal", "student-records.purposes", "teaching,administration"),
                "teaching,administration");
        for (CallKind kind : List.of(CallKind.SELF_SERVICE, CallKind.GUARDIAN)) {
            for (String declared : new String[] {"administration", "zzz"}) {
                assertThat(AccessContextMapping.toContext(token("u", "campus-portal", "openid"), facts, declared, kind,
                        NOW, List.of(), List.of(), ConsentCheck.NONE).purpose()).as(kind + " " + declared).isNull();
            }
        }
    }

    @Test
    void aClientWithoutTrustAttributeIsExternalAndTheRealmPurposesDefault() {
        CallerFacts facts = new CallerFacts(false, Set.of(), Set.of(), Map.of(), null);

        AccessContext ctx = AccessContextMapping.toContext(token("u", "outside-body", null), facts, "  ", CallKind.SELF_SERVICE, NOW, List.of(), List.of(), ConsentCheck.NONE);

        assertThat(ctx.clientTrust()).isEqualTo(ClientTrust.EXTERNAL);
        assertThat(ctx.scopes()).isEmpty();
        assertThat(ctx.purpose()).isNull();
        assertThat(ctx.clientPurposes()).isEmpty();
        assertThat(ctx.realmPurposes()).containsExactlyInAnyOrder(
                "teaching", "student-services", "administration", "library-services", "statistics");
        assertThat(ctx.selfService()).isTrue();
    }

    @Test
    void aTrustValueOtherThanInternalIsExternal() {
        CallerFacts facts = new CallerFacts(false, Set.of(), Set.of(), Map.of("student-records.trust", "intern"), null);

        assertThat(AccessContextMapping.toContext(token("u", "c", ""), facts, null, CallKind.DECLARED_PURPOSE, NOW, List.of(), List.of(), ConsentCheck.NONE).clientTrust())
                .isEqualTo(ClientTrust.EXTERNAL);
    }
}
