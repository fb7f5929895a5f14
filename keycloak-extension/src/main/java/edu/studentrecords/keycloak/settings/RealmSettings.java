package edu.studentrecords.keycloak.settings;

import edu.studentrecords.keycloak.bootstrap.RealmBootstrap;
import edu.studentrecords.keycloak.rest.representation.RealmSettingsRepresentation;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.check.CheckSettings;
import edu.studentrecords.store.settings.PurposesByRole;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PlainTexts;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.keycloak.models.RealmModel;

/**
 * The realm's student-records settings, kept as the realm attributes the rest of the extension reads
 * ({@code student-records.purposes}, {@code .purposes.<role>}, {@code .verification-period-days},
 * {@code .centre-email}, {@code .self-check.reads-per-hour}, {@code .workday}, {@code .zone},
 * {@code .stale-admin-days}): read with the defaults the readers apply, validated as a whole (every broken field named,
 * never its value), written only when all of it is valid. A role left out of the purposes by role has no attribute,
 * and is limited only by its clients' purposes.
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
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        for (RealmRole role : PurposesByRole.roles()) {
            String list = realm.getAttribute(RealmBootstrap.ROLE_PURPOSES_ATTRIBUTE_PREFIX + role.roleName());
            if (list != null) {
                byRole.put(role.roleName(), split(list));
            }
        }
        return new RealmSettingsRepresentation(
                split(purposes == null ? RealmBootstrap.DEFAULT_PURPOSES : purposes),
                byRole,
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
    public static List<FieldError> errors(RealmSettingsRepresentation body) {
        List<FieldError> errors = new ArrayList<>();
        boolean purposesUsable = false;
        if (body.purposes() == null || body.purposes().isEmpty()) {
            errors.add(new FieldError("purposes", "required", "Name at least one purpose."));
        } else if (body.purposes().size() > MAX_PURPOSES) {
            errors.add(new FieldError("purposes", "size", "At most " + MAX_PURPOSES + " purposes."));
        } else {
            purposesUsable = true;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < body.purposes().size(); i++) {
                String purpose = body.purposes().get(i);
                if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
                    errors.add(new FieldError("purposes[" + i + "]", "pattern",
                            "Lower-case letters, digits, '.', '_' and '-', at most 64 characters."));
                } else if (!seen.add(purpose)) {
                    errors.add(new FieldError("purposes[" + i + "]", "unique", "Named twice."));
                }
            }
        }
        // A role's list is held against the purposes this same body names: taking a purpose out of the realm while a
        // role still names it is refused at that role's list.
        errors.addAll(PurposesByRole.errors(body.purposesByRole(), purposesUsable ? body.purposes() : null));
        days(errors, "verificationPeriodDays", body.verificationPeriodDays());
        Optional<FieldError> notText = PlainTexts.error("centreEmail", body.centreEmail(), false);
        if (notText.isPresent()) {
            errors.add(notText.get());
        } else if (body.centreEmail() != null
                && !(body.centreEmail().length() <= 254 && EMAIL.matcher(body.centreEmail()).matches())) {
            errors.add(new FieldError("centreEmail", "email", "An email address, or null for none."));
        }
        RealmSettingsRepresentation.SelfCheck check = body.selfCheck();
        if (check == null) {
            errors.add(new FieldError("selfCheck", "required", "Give the self-check settings."));
            return errors;
        }
        if (check.readsPerHour() == null || check.readsPerHour() < 1 || check.readsPerHour() > 1_000_000) {
            errors.add(new FieldError("selfCheck.readsPerHour", "range", "A whole number from 1 to 1000000."));
        }
        if (check.workday() == null || !WORKDAY.matcher(check.workday()).matches() || !startsBeforeEnd(check.workday())) {
            errors.add(new FieldError("selfCheck.workday", "pattern", "Like 07:00-20:00, the start before the end."));
        }
        if (!zone(check.zone())) {
            errors.add(new FieldError("selfCheck.zone", "zone", "A time zone such as Asia/Shanghai."));
        }
        days(errors, "selfCheck.staleAdminDays", check.staleAdminDays());
        return errors;
    }

    /** Writes valid settings ({@link #errors} empty) into the realm's attributes. */
    public static void write(RealmModel realm, RealmSettingsRepresentation body) {
        realm.setAttribute(RealmBootstrap.PURPOSES_ATTRIBUTE, String.join(",", body.purposes()));
        for (RealmRole role : PurposesByRole.roles()) {
            List<String> purposes = body.purposesByRole().get(role.roleName());
            String attribute = RealmBootstrap.ROLE_PURPOSES_ATTRIBUTE_PREFIX + role.roleName();
            if (purposes == null) {
                realm.removeAttribute(attribute);
            } else {
                realm.setAttribute(attribute, String.join(",", purposes));
            }
        }
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

    /** The non-blank, trimmed parts of a comma-separated list, each once. */
    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(p -> !p.isEmpty()).distinct().toList();
    }

    private static void days(List<FieldError> errors, String field, Integer days) {
        if (days == null || days < 1 || days > MAX_DAYS) {
            errors.add(new FieldError(field, "range", "A whole number of days from 1 to " + MAX_DAYS + "."));
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
