package edu.studentrecords.keycloak.settings;

import edu.studentrecords.keycloak.bootstrap.RealmBootstrap;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.representation.RealmSettingsRepresentation;
import edu.studentrecords.store.check.CheckSettings;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.keycloak.models.RealmModel;

/**
 * The realm's student-records settings, kept as the realm attributes the rest of the extension reads
 * ({@code student-records.purposes}, {@code .verification-period-days}, {@code .centre-email},
 * {@code .self-check.reads-per-hour}, {@code .workday}, {@code .zone}, {@code .stale-admin-days}): read with the
 * defaults the readers apply, validated as a whole (every broken field named, never its value), written only when all
 * of it is valid.
 */
public final class RealmSettings {

    /** Days without a sign-in after which an administrator account is stale (self-check finding STALE_ADMIN). */
    static final String STALE_ADMIN_DAYS = "student-records.self-check.stale-admin-days";
    static final int DEFAULT_STALE_ADMIN_DAYS = 90;

    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern WORKDAY = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]");
    // Deliberately plain: one @, no spaces, a dot in the domain. The mail server has the last word.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_PURPOSES = 50;
    private static final int MAX_DAYS = 36_500;

    private RealmSettings() {
    }

    /** The realm's settings as they apply now (a missing or unusable attribute reads as its default). */
    public static RealmSettingsRepresentation read(RealmModel realm) {
        CheckSettings check = SelfCheckSettings.of(realm);
        String purposes = realm.getAttribute(RealmBootstrap.PURPOSES_ATTRIBUTE);
        return new RealmSettingsRepresentation(
                Arrays.stream((purposes == null ? RealmBootstrap.DEFAULT_PURPOSES : purposes).split(","))
                        .map(String::strip).filter(p -> !p.isEmpty()).distinct().toList(),
                VerificationPeriod.of(realm).days(),
                realm.getAttribute(SelfCheckSettings.CENTRE_EMAIL),
                new RealmSettingsRepresentation.SelfCheck(check.readsPerHour(), check.workdayStart() + "-" + check.workdayEnd(),
                        check.zone().getId(), staleAdminDays(realm)));
    }

    /** The realm's stale-admin threshold in days; the default when missing or not a positive whole number. */
    public static int staleAdminDays(RealmModel realm) {
        String text = realm.getAttribute(STALE_ADMIN_DAYS);
        try {
            int days = text == null ? DEFAULT_STALE_ADMIN_DAYS : Integer.parseInt(text.strip());
            return days > 0 ? days : DEFAULT_STALE_ADMIN_DAYS;
        } catch (NumberFormatException e) {
            return DEFAULT_STALE_ADMIN_DAYS;
        }
    }

    /** Every rule {@code body} breaks; empty when it may be written. */
    public static List<Problem.Error> errors(RealmSettingsRepresentation body) {
        List<Problem.Error> errors = new ArrayList<>();
        if (body.purposes() == null || body.purposes().isEmpty()) {
            errors.add(new Problem.Error("purposes", "Name at least one purpose.", "required"));
        } else if (body.purposes().size() > MAX_PURPOSES) {
            errors.add(new Problem.Error("purposes", "At most " + MAX_PURPOSES + " purposes.", "size"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < body.purposes().size(); i++) {
                String purpose = body.purposes().get(i);
                if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
                    errors.add(new Problem.Error("purposes[" + i + "]",
                            "Lower-case letters, digits, '.', '_' and '-', at most 64 characters.", "pattern"));
                } else if (!seen.add(purpose)) {
                    errors.add(new Problem.Error("purposes[" + i + "]", "Named twice.", "unique"));
                }
            }
        }
        days(errors, "verificationPeriodDays", body.verificationPeriodDays());
        if (body.centreEmail() != null && !(body.centreEmail().length() <= 254 && EMAIL.matcher(body.centreEmail()).matches())) {
            errors.add(new Problem.Error("centreEmail", "An email address, or null for none.", "email"));
        }
        RealmSettingsRepresentation.SelfCheck check = body.selfCheck();
        if (check == null) {
            errors.add(new Problem.Error("selfCheck", "Give the self-check settings.", "required"));
            return errors;
        }
        if (check.readsPerHour() == null || check.readsPerHour() < 1 || check.readsPerHour() > 1_000_000) {
            errors.add(new Problem.Error("selfCheck.readsPerHour", "A whole number from 1 to 1000000.", "range"));
        }
        if (check.workday() == null || !WORKDAY.matcher(check.workday()).matches() || !startsBeforeEnd(check.workday())) {
            errors.add(new Problem.Error("selfCheck.workday", "Like 07:00-20:00, the start before the end.", "pattern"));
        }
        if (!zone(check.zone())) {
            errors.add(new Problem.Error("selfCheck.zone", "A time zone such as Asia/Shanghai.", "zone"));
        }
        days(errors, "selfCheck.staleAdminDays", check.staleAdminDays());
        return errors;
    }

    /** Writes valid settings ({@link #errors} empty) into the realm's attributes. */
    public static void write(RealmModel realm, RealmSettingsRepresentation body) {
        realm.setAttribute(RealmBootstrap.PURPOSES_ATTRIBUTE, String.join(",", body.purposes()));
        realm.setAttribute(RealmBootstrap.VERIFICATION_PERIOD_ATTRIBUTE, body.verificationPeriodDays().toString());
        if (body.centreEmail() == null) {
            realm.removeAttribute(SelfCheckSettings.CENTRE_EMAIL);
        } else {
            realm.setAttribute(SelfCheckSettings.CENTRE_EMAIL, body.centreEmail());
        }
        realm.setAttribute(SelfCheckSettings.READS_PER_HOUR, body.selfCheck().readsPerHour().toString());
        realm.setAttribute(SelfCheckSettings.WORKDAY, body.selfCheck().workday());
        realm.setAttribute(SelfCheckSettings.ZONE, body.selfCheck().zone());
        realm.setAttribute(STALE_ADMIN_DAYS, body.selfCheck().staleAdminDays().toString());
    }

    private static void days(List<Problem.Error> errors, String field, Integer days) {
        if (days == null || days < 1 || days > MAX_DAYS) {
            errors.add(new Problem.Error(field, "A whole number of days from 1 to " + MAX_DAYS + ".", "range"));
        }
    }

    private static boolean startsBeforeEnd(String workday) {
        try {
            String[] parts = workday.split("-");
            return LocalTime.parse(parts[0]).isBefore(LocalTime.parse(parts[1]));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
