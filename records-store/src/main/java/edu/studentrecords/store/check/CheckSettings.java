package edu.studentrecords.store.check;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a security self-check looks for, per realm.
 *
 * @param readsPerHour       more records than this read by one person or client within one clock hour is reported
 * @param workdayStart       reading before this local time is reported
 * @param workdayEnd         reading at or after this local time is reported
 * @param zone               the zone of the workday hours
 * @param verificationPeriod a record whose last confirmation is older than this is overdue (rule 5.2)
 */
public record CheckSettings(int readsPerHour, LocalTime workdayStart, LocalTime workdayEnd, ZoneId zone,
        Duration verificationPeriod) {

    /** 200 records an hour, 07:00 to 22:00 in Asia/Shanghai, 180 days. */
    public static final CheckSettings DEFAULTS = new CheckSettings(200, LocalTime.of(7, 0), LocalTime.of(22, 0),
            ZoneId.of("Asia/Shanghai"), Duration.ofDays(180));

    public CheckSettings {
        if (readsPerHour < 1) {
            throw new IllegalArgumentException("readsPerHour must be at least 1");
        }
        Objects.requireNonNull(workdayStart, "workdayStart");
        Objects.requireNonNull(workdayEnd, "workdayEnd");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(verificationPeriod, "verificationPeriod");
    }

    /** Whether {@code time} falls outside the workday hours. */
    public boolean outOfHours(java.time.Instant time) {
        LocalTime local = time.atZone(zone).toLocalTime();
        return local.isBefore(workdayStart) || !local.isBefore(workdayEnd);
    }
}
