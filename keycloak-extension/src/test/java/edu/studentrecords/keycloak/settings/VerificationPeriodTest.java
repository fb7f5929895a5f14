package edu.studentrecords.keycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerificationPeriodTest {

    private static final Instant CONFIRMED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aConfirmationHoldsForThePeriodAndNotAMomentLonger() {
        VerificationPeriod period = new VerificationPeriod(180);
        assertThat(period.overdue(CONFIRMED, CONFIRMED.plus(Duration.ofDays(180)).minusSeconds(1))).isFalse();
        assertThat(period.overdue(CONFIRMED, CONFIRMED.plus(Duration.ofDays(180)))).isTrue();
        assertThat(period.overdue(CONFIRMED, CONFIRMED.plus(Duration.ofDays(181)))).isTrue();
    }

    @Test
    void theRealmAttributeFallsBackTo180DaysWhenMissingOrUnusable() {
        assertThat(VerificationPeriod.parse(null, "r").days()).isEqualTo(180);
        assertThat(VerificationPeriod.parse(" 30 ", "r").days()).isEqualTo(30);
        assertThat(VerificationPeriod.parse("0", "r").days()).isEqualTo(180);
        assertThat(VerificationPeriod.parse("half a year", "r").days()).isEqualTo(180);
    }
}
