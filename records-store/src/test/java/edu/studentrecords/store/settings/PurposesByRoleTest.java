package edu.studentrecords.store.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.validation.FieldError;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PurposesByRoleTest {

    private static final List<String> REALM = List.of("teaching", "student-services", "administration",
            "library-services");

    @Test
    void theRolesThatWorkWithRecordsMayBeLimitedStudentsMayNot() {
        assertThat(PurposesByRole.roles()).containsExactly(RealmRole.ADMIN, RealmRole.STAFF, RealmRole.SUPERVISOR,
                RealmRole.APPLICATION);
        assertThat(RealmRole.named("records-staff")).contains(RealmRole.STAFF);
        assertThat(RealmRole.named("Records-Staff")).isEmpty();
        assertThat(RealmRole.STUDENT.declaresPurposes()).isFalse();
    }

    @Test
    void listsOfTheRealmsPurposesAndRolesLeftOutBreakNoRule() {
        assertThat(PurposesByRole.errors(Map.of(), REALM)).as("no role limited").isEmpty();
        assertThat(PurposesByRole.errors(Map.of(
                "records-staff", List.of("teaching", "student-services"),
                "records-admin", List.of("administration"),
                "records-supervisor", List.of("administration"),
                "records-application", List.of("library-services")), REALM)).isEmpty();
    }

    @Test
    void theObjectIsRequiredSoThatLeavingItOutCannotLiftEveryLimit() {
        assertThat(PurposesByRole.errors(null, REALM)).extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple("purposesByRole", "required"));
    }

    @Test
    void everyBrokenRuleIsNamedAtItsFieldWithoutTheValue() {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        byRole.put("Head Teacher Wang", List.of("teaching"));
        byRole.put("student", List.of("teaching"));
        byRole.put("records-supervisor", Arrays.asList("administration", " ", null, "administration", "counselling"));
        byRole.put("records-staff", List.of());
        byRole.put("records-application", null);
        byRole.put("records-admin", IntStream.range(0, 51).mapToObj(i -> "administration").toList());

        List<FieldError> errors = PurposesByRole.errors(byRole, REALM);

        assertThat(errors).extracting(e -> e.field() + " " + e.rule()).containsExactly(
                "purposesByRole role",
                "purposesByRole.student role",
                "purposesByRole.records-admin size",
                "purposesByRole.records-staff required",
                "purposesByRole.records-supervisor[1] required",
                "purposesByRole.records-supervisor[2] required",
                "purposesByRole.records-supervisor[3] unique",
                "purposesByRole.records-supervisor[4] realm-purpose",
                "purposesByRole.records-application required");
        assertThat(errors).extracting(FieldError::message).noneMatch(m -> m.contains("Wang") || m.contains("counselling"));
    }

    @Test
    void aPurposeTakenOutOfTheRealmWhileARoleStillNamesItIsRefusedAtTheRolesList() {
        List<String> withoutTeaching = List.of("student-services", "administration");
        assertThat(PurposesByRole.errors(Map.of("records-staff", List.of("student-services", "teaching")),
                withoutTeaching)).extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple("purposesByRole.records-staff[1]", "realm-purpose"));
    }

    @Test
    void withoutUsableRealmPurposesTheListsAreNotHeldAgainstThem() {
        assertThat(PurposesByRole.errors(Map.of("records-staff", List.of("teaching")), null)).isEmpty();
        assertThat(PurposesByRole.errors(Map.of("records-staff", List.of("teaching")), Collections.emptyList()))
                .extracting(FieldError::rule).containsExactly("realm-purpose");
    }
}
