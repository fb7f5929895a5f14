package edu.studentrecords.keycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import edu.studentrecords.keycloak.rest.representation.RealmSettingsRepresentation;
import edu.studentrecords.store.validation.FieldError;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

class RealmSettingsTest {

    private static final RealmSettingsRepresentation.SelfCheck CHECK =
            new RealmSettingsRepresentation.SelfCheck(200, "07:00-20:00", "Asia/Shanghai", 90);
    private static final Map<String, List<String>> BY_ROLE = Map.of("records-staff", List.of("teaching"),
            "records-admin", List.of("administration"));
    private static final RealmSettingsRepresentation VALID = new RealmSettingsRepresentation(List.of("teaching", "administration"),
            BY_ROLE, 180, "centre@school.example.test", CHECK);

    @Test
    void validSettingsBreakNoRule() {
        assertThat(RealmSettings.errors(VALID)).isEmpty();
        assertThat(RealmSettings.errors(new RealmSettingsRepresentation(VALID.purposes(), Map.of(), 1, null, CHECK)))
                .as("no centre email, and no role limited but by its clients, are allowed").isEmpty();
    }

    @Test
    void everyBrokenFieldIsNamedAndNoValueIsQuoted() {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        byRole.put("student", List.of("teaching"));
        byRole.put("records-staff", Arrays.asList("teaching", "teaching", "counselling"));
        RealmSettingsRepresentation broken = new RealmSettingsRepresentation(Arrays.asList("teaching", "Bad Purpose", "teaching", null),
                byRole, 0, "nobody-at-example", new RealmSettingsRepresentation.SelfCheck(0, "20:00-07:00", "Mars/Olympus", null));

        List<FieldError> errors = RealmSettings.errors(broken);

        assertThat(errors).extracting(FieldError::field).containsExactly("purposes[1]", "purposes[2]",
                "purposes[3]", "purposesByRole.student", "purposesByRole.records-staff[1]",
                "purposesByRole.records-staff[2]", "verificationPeriodDays", "centreEmail", "selfCheck.readsPerHour",
                "selfCheck.workday", "selfCheck.zone", "selfCheck.staleAdminDays");
        assertThat(errors).extracting(FieldError::message).noneMatch(m -> m.contains("Bad Purpose")
                || m.contains("nobody-at-example") || m.contains("Mars") || m.contains("counselling"));
    }

    @Test
    void missingPartsAreRequired() {
        assertThat(RealmSettings.errors(new RealmSettingsRepresentation(null, null, null, null, null)))
                .extracting(FieldError::field)
                .containsExactly("purposes", "purposesByRole", "verificationPeriodDays", "selfCheck");
        assertThat(RealmSettings.errors(new RealmSettingsRepresentation(List.of(), BY_ROLE, 180, null,
                new RealmSettingsRepresentation.SelfCheck(1, "7:00-20:00", " ", 1))))
                .as("without usable purposes, the roles' lists are not held against them")
                .extracting(FieldError::field)
                .containsExactly("purposes", "selfCheck.workday", "selfCheck.zone");
    }

    @Test
    void aPurposeTakenOutOfTheRealmWhileARoleStillNamesItIsRefused() {
        RealmSettingsRepresentation withoutTeaching = new RealmSettingsRepresentation(List.of("administration"),
                BY_ROLE, 180, null, CHECK);

        assertThat(RealmSettings.errors(withoutTeaching)).extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple("purposesByRole.records-staff[0]", "realm-purpose"));
    }

    @Test
    void theRolesListsAreRealmAttributesAndARoleLeftOutHasNone() {
        Map<String, String> attributes = new HashMap<>(Map.of(
                "student-records.purposes", "teaching,student-services,administration",
                "student-records.purposes.records-staff", "teaching, student-services",
                "student-records.purposes.records-supervisor", "administration",
                "student-records.purposes.student", "teaching"));
        RealmModel realm = AttributeRealm.over(attributes);

        RealmSettingsRepresentation read = RealmSettings.read(realm);
        assertThat(read.purposesByRole()).as("in the roles' order; students are never limited by role")
                .containsExactly(Map.entry("records-staff", List.of("teaching", "student-services")),
                        Map.entry("records-supervisor", List.of("administration")));

        Map<String, List<String>> byRole = new LinkedHashMap<>();
        byRole.put("records-admin", List.of("administration", "student-services"));
        byRole.put("records-staff", List.of("student-services"));
        RealmSettings.write(realm, new RealmSettingsRepresentation(read.purposes(), byRole, 180, null, CHECK));

        assertThat(attributes).containsEntry("student-records.purposes.records-admin", "administration,student-services")
                .containsEntry("student-records.purposes.records-staff", "student-services")
                .doesNotContainKeys("student-records.purposes.records-supervisor",
                        "student-records.purposes.records-application")
                .as("not the settings' to change").containsEntry("student-records.purposes.student", "teaching");
        assertThat(RealmSettings.read(realm).purposesByRole()).isEqualTo(byRole);
    }
}
