package edu.studentrecords.keycloak.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerificationPageTest {

    @Test
    void theResidentIdNumberShowsItsLastFourCharactersOnly() {
        assertThat(VerificationPage.maskResidentId("11010519491231002X")).isEqualTo("**************002X");
        assertThat(VerificationPage.maskResidentId("123")).isEqualTo("**3");
        assertThat(VerificationPage.maskResidentId(null)).isEmpty();
    }
}
