package edu.studentrecords.keycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.representation.RealmSettingsRepresentation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealmSettingsTest {

    private static final RealmSettingsRepresentation.SelfCheck CHECK =
            new RealmSettingsRepresentation.SelfCheck(200, "07:00-20:00", "Asia/Shanghai", 90);
    private static final RealmSettingsRepresentation VALID = new RealmSettingsRepresentation(List.of("teaching", "administration"), 180,
            "centre@school.example.test", CHECK);

    @Test
    void validSettingsBreakNoRule() {
        assertThat(RealmSettings.errors(VALID)).isEmpty();
        assertThat(RealmSettings.errors(new RealmSettingsRepresentation(VALID.purposes(), 1, null, CHECK)))
                .as("no centre email is allowed").isEmpty();
    }

    @Test
    void everyBrokenFieldIsNamedAndNoValueIsQuoted() {
        RealmSettingsRepresentation broken = new RealmSettingsRepresentation(Arrays.asList("teaching", "Bad Purpose", "teaching", null), 0,
                "nobody-at-example", new RealmSettingsRepresentation.SelfCheck(0, "20:00-07:00", "Mars/Olympus", null));

        List<Problem.Error> errors = RealmSettings.errors(broken);

        assertThat(errors).extracting(Problem.Error::field).containsExactly("purposes[1]", "purposes[2]",
                "purposes[3]", "verificationPeriodDays", "centreEmail", "selfCheck.readsPerHour", "selfCheck.workday",
                "selfCheck.zone", "selfCheck.staleAdminDays");
        assertThat(errors).extracting(Problem.Error::message).noneMatch(m -> m.contains("Bad Purpose")
                || m.contains("nobody-at-example") || m.contains("Mars"));
    }

    @Test
    void missingPartsAreRequired() {
        assertThat(RealmSettings.errors(new RealmSettingsRepresentation(null, null, null, null)))
                .extracting(Problem.Error::field)
                .containsExactly("purposes", "verificationPeriodDays", "selfCheck");
        assertThat(RealmSettings.errors(new RealmSettingsRepresentation(List.of(), 180, null,
                new RealmSettingsRepresentation.SelfCheck(1, "7:00-20:00", " ", 1))))
                .extracting(Problem.Error::field)
                .containsExactly("purposes", "selfCheck.workday", "selfCheck.zone");
    }
}
