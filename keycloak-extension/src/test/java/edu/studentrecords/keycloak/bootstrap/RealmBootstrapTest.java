package edu.studentrecords.keycloak.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.keycloak.settings.AttributeRealm;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

class RealmBootstrapTest {

    @Test
    void aNewRealmGetsTheRolesDefaultPurposesOnce() {
        Map<String, String> attributes = new HashMap<>();
        RealmModel realm = AttributeRealm.over(attributes);

        RealmBootstrap.applyRolePurposeDefaults(realm);

        assertThat(attributes).containsEntry("student-records.purposes.records-staff", "teaching,student-services")
                .containsEntry("student-records.purposes.records-admin", "administration")
                .containsEntry(RealmBootstrap.ROLE_PURPOSES_DEFAULTS_ATTRIBUTE, "true")
                .doesNotContainKeys("student-records.purposes.records-supervisor",
                        "student-records.purposes.records-application", "student-records.purposes.student");
    }

    @Test
    void aRoleLeftOutLaterStaysLeftOutAcrossRestarts() {
        Map<String, String> attributes = new HashMap<>();
        RealmModel realm = AttributeRealm.over(attributes);
        RealmBootstrap.applyRolePurposeDefaults(realm);
        // The centre's settings leave staff out (limited only by their clients) and change the administrators' list.
        attributes.remove("student-records.purposes.records-staff");
        attributes.put("student-records.purposes.records-admin", "administration,student-services");

        RealmBootstrap.applyRolePurposeDefaults(realm);

        assertThat(attributes).doesNotContainKey("student-records.purposes.records-staff")
                .containsEntry("student-records.purposes.records-admin", "administration,student-services");
    }

    @Test
    void aRealmThatHasListsKeepsThemAndIsNotedAsDone() {
        Map<String, String> attributes = new HashMap<>(Map.of("student-records.purposes.records-staff", "teaching"));

        RealmBootstrap.applyRolePurposeDefaults(AttributeRealm.over(attributes));

        assertThat(attributes).containsEntry("student-records.purposes.records-staff", "teaching")
                .containsEntry("student-records.purposes.records-admin", "administration")
                .containsEntry(RealmBootstrap.ROLE_PURPOSES_DEFAULTS_ATTRIBUTE, "true");
    }
}
