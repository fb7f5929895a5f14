package edu.studentrecords.keycloak.settings;

import edu.studentrecords.keycloak.bootstrap.RealmBootstrap;
import edu.studentrecords.store.check.CheckSettings;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * A realm's self-check settings, from realm attributes; a missing or malformed value falls back to its default (and
 * is logged by attribute name only).
 */
public final class SelfCheckSettings {

    static final String READS_PER_HOUR = "student-records.self-check.reads-per-hour";
    static final String WORKDAY = "student-records.self-check.workday";
    static final String ZONE = "student-records.self-check.zone";
    public static final String CENTRE_EMAIL = "student-records.centre-email";

    private static final Logger LOG = Logger.getLogger(SelfCheckSettings.class);

    private SelfCheckSettings() {
    }

    public static CheckSettings of(RealmModel realm) {
        CheckSettings d = CheckSettings.DEFAULTS;
        int reads = d.readsPerHour();
        LocalTime start = d.workdayStart();
        LocalTime end = d.workdayEnd();
        ZoneId zone = d.zone();
        Duration period = d.verificationPeriod();
        try {
            String value = realm.getAttribute(READS_PER_HOUR);
            if (value != null) {
                reads = Math.max(1, Integer.parseInt(value.strip()));
            }
        } catch (NumberFormatException e) {
            LOG.warnf("Realm attribute %s is not a number; using %d", READS_PER_HOUR, reads);
        }
        try {
            String value = realm.getAttribute(WORKDAY);
            if (value != null) {
                String[] parts = value.strip().split("-");
                start = LocalTime.parse(parts[0].strip());
                end = LocalTime.parse(parts[1].strip());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Realm attribute %s is not like 07:00-22:00; using the default", WORKDAY);
        }
        try {
            String value = realm.getAttribute(ZONE);
            if (value != null) {
                zone = ZoneId.of(value.strip());
            }
        } catch (DateTimeException e) {
            LOG.warnf("Realm attribute %s is not a time zone; using %s", ZONE, zone);
        }
        try {
            String value = realm.getAttribute(RealmBootstrap.VERIFICATION_PERIOD_ATTRIBUTE);
            if (value != null) {
                period = Duration.ofDays(Math.max(1, Long.parseLong(value.strip())));
            }
        } catch (NumberFormatException e) {
            LOG.warnf("Realm attribute %s is not a number of days; using the default",
                    RealmBootstrap.VERIFICATION_PERIOD_ATTRIBUTE);
        }
        return new CheckSettings(reads, start, end, zone, period);
    }
}
