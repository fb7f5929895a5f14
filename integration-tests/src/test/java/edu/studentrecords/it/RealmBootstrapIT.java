package edu.studentrecords.it;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A realm created by an administrator gets what the product's contract says every realm has. */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class RealmBootstrapIT {

    static final List<String> SCOPES = List.of(
        "student.profile.read", "student.profile.write", "student.identity.read", "student.identity.write",
        "student.contact.read", "student.contact.write", "student.guardians.read", "student.guardians.write",
        "student.search", "student.purge", "student.self", "student.guardian", "student.audit", "student.admin");

    @InjectRealm
    ManagedRealm realm;

    @Test
    void everyContractScopeExistsAndPutsTheApiIntoTheAudience() {
        Map<String, ClientScopeRepresentation> scopes = realm.admin().clientScopes().findAll().stream()
            .collect(Collectors.toMap(ClientScopeRepresentation::getName, s -> s));

        assertThat(scopes).containsKeys(SCOPES.toArray(String[]::new));
        for (String name : SCOPES) {
            ClientScopeRepresentation scope = scopes.get(name);
            assertThat(scope.getProtocol()).as(name).isEqualTo("openid-connect");
            assertThat(scope.getAttributes()).as(name)
                .containsEntry("include.in.token.scope", "true")
                .containsEntry("display.on.consent.screen", "true")
                .containsKey("consent.screen.text");
            List<ProtocolMapperRepresentation> audience = scope.getProtocolMappers() == null ? List.of()
                : scope.getProtocolMappers().stream()
                    .filter(m -> "oidc-audience-mapper".equals(m.getProtocolMapper()))
                    .toList();
            assertThat(audience).as("audience mapper of %s", name).hasSize(1);
            assertThat(audience.get(0).getConfig())
                .containsEntry("included.custom.audience", "student-records")
                .containsEntry("access.token.claim", "true")
                .containsEntry("id.token.claim", "false");
        }
    }

    @Test
    void contractRolesExist() {
        List<String> roles = realm.admin().roles().list().stream().map(RoleRepresentation::getName).toList();

        assertThat(roles).contains("records-admin", "records-staff", "records-supervisor", "student");
    }

    @Test
    void realmCarriesPurposesPurposesByRoleAndVerificationPeriod() {
        RealmRepresentation representation = realm.admin().toRepresentation();

        assertThat(representation.getAttributes())
            .containsEntry("student-records.purposes",
                "teaching,student-services,administration,library-services,statistics")
            .containsEntry("student-records.verification-period-days", "180")
            .containsEntry("student-records.purposes.records-staff", "teaching,student-services")
            .containsEntry("student-records.purposes.records-admin", "administration")
            .containsEntry("student-records.purposes-by-role.defaults-applied", "true")
            .doesNotContainKeys("student-records.purposes.records-supervisor",
                "student-records.purposes.records-application", "student-records.purposes.student");
    }

    @Test
    void accountConsoleIsInternalAndAsksForStudentSelf() {
        ClientRepresentation accountConsole = realm.admin().clients().findByClientId("account-console").get(0);
        ClientResource client = realm.admin().clients().get(accountConsole.getId());

        assertThat(accountConsole.getAttributes()).containsEntry("student-records.trust", "internal");
        assertThat(client.getDefaultClientScopes()).extracting(ClientScopeRepresentation::getName)
            .contains("student.self");
    }
}
