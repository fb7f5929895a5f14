package edu.studentrecords.keycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.keycloak.Problem;
import edu.studentrecords.keycloak.RealmSettingsBody;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealmSettingsTest {

    private static final RealmSettingsBody.SelfCheck CHECK =
            new RealmSettingsBody.SelfCheck(200, "07:00-20:00", "Asia/Shanghai", 90);
    private static final RealmSettingsBody VALID = new RealmSettingsBody(List.of("teaching", "administration"), 180,
            "centre@school.example.test", CHECK);

    @Test
    void validSettingsBreakNoRule() {
        assertThat(RealmSettings.errors(VALID)).isEmpty();
        assertThat(RealmSettings.errors(new RealmSettingsBody(VALID.purposes(), 1, null, CHECK)))
                .as("no centre email is allowed").isEmpty();
    }

    @Test
    void everyBrokenFieldIsNamedAndNoValueIsQuoted() {
        RealmSettingsBody broken = new RealmSettingsBody(Arrays.asList("teaching", "Bad Purpose", "teaching", null), 0,
                "nobody-at-example", new RealmSettingsBody.SelfCheck(0, "20:00-07:00", "Mars/Olympus", null));

        List<Problem.Error> errors = RealmSettings.errors(broken);

        assertThat(errors).extracting(Problem.Error::field).containsExactly("purposes[1]", "purposes[2]",
                "purposes[3]", "verificationPeriodDays", "centreEmail", "selfCheck.readsPerHour", "selfCheck.workday",
                "selfCheck.zone", "selfCheck.staleAdminDays");
        assertThat(errors).extracting(Problem.Error::message).noneMatch(m -> m.contains("Bad Purpose")
                || m.contains("nobody-at-example") || m.contains("Mars"));
    }

    @Test
    void missingPartsAreRequired() {
        assertThat(RealmSettings.errors(new RealmSettingsBody(null, null, null, null)))
                .extracting(Problem.Error::field)
                .containsExactly("purposes", "verificationPeriodDays", "selfCheck");
        assertThat(RealmSettings.errors(new RealmSettingsBody(List.of(), 180, null,
                new RealmSettingsBody.SelfCheck(1, "7:00-20:00", " ", 1))))
                .extracting(Problem.Error::field)
                .containsExactly("purposes", "selfCheck.workday", "selfCheck.zone");
    }
}
