package edu.studentrecords.keycloak.settings;

import edu.studentrecords.keycloak.bootstrap.RealmBootstrap;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * How long a student's confirmation of their record holds (rule 5.2): the realm attribute
 * {@code student-records.verification-period-days}, 180 days when it is absent or not a positive whole number.
 *
 * @param days the period in days; positive
 */
public record VerificationPeriod(int days) {

    private static final Logger LOG = Logger.getLogger(VerificationPeriod.class);

    public VerificationPeriod {
        if (days < 1) {
            throw new IllegalArgumentException("the verification period must be at least one day");
        }
    }

    /** The realm's period. */
    public static VerificationPeriod of(RealmModel realm) {
        return parse(realm.getAttribute(RealmBootstrap.VERIFICATION_PERIOD_ATTRIBUTE), realm.getName());
    }

    /** The period written in {@code text}; the default when it is missing or malformed. */
    static VerificationPeriod parse(String text, String realmName) {
        int fallback = Integer.parseInt(RealmBootstrap.DEFAULT_VERIFICATION_PERIOD);
        if (text == null || text.isBlank()) {
            return new VerificationPeriod(fallback);
        }
        try {
            int days = Integer.parseInt(text.strip());
            if (days > 0) {
                return new VerificationPeriod(days);
            }
        } catch (NumberFormatException e) {
            // Reported below, as every unusable value is.
        }
        LOG.warnf("Realm %s: %s is not a positive number of days; using %d", realmName,
                RealmBootstrap.VERIFICATION_PERIOD_ATTRIBUTE, fallback);
        return new VerificationPeriod(fallback);
    }

    /** Whether a confirmation made at {@code confirmedAt} no longer holds at {@code now}. */
    public boolean overdue(Instant confirmedAt, Instant now) {
        return !confirmedAt.plus(Duration.ofDays(days)).isAfter(now);
    }
}
