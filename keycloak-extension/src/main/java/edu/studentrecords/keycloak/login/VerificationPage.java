package edu.studentrecords.keycloak.login;

import edu.studentrecords.keycloak.settings.VerificationPeriod;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the verification page shows of a record, as plain strings for the FreeMarker template (maps, because the
 * server's template engine does not read record accessors). The identity group is masked: the page may be seen
 * over a shoulder, and the student recognises their number by its last characters; the rest is shown in full,
 * since it is what the student is asked to confirm.
 */
final class VerificationPage {

    /** The template in the extension's {@code theme-resources/templates}. */
    static final String TEMPLATE = "student-record-verification.ftl";
    /** Characters of the resident ID number left visible at its end. */
    private static final int VISIBLE_ID_CHARACTERS = 4;

    private VerificationPage() {
    }

    /** The template model of {@code view}; groups the view lacks are left out. */
    static Map<String, Object> model(RecordView view, VerificationPeriod period) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("periodDays", Integer.toString(period.days()));
        if (view.profile() != null) {
            model.put("profile", profile(view.profile()));
        }
        if (view.identity() != null) {
            model.put("identity", identity(view.identity()));
        }
        if (view.contact() != null) {
            model.put("contact", contact(view.contact()));
        }
        model.put("guardians", view.guardians() == null ? List.of()
                : view.guardians().stream().map(VerificationPage::guardian).toList());
        return model;
    }

    /** The number with every character but the last four replaced by an asterisk. */
    static String maskResidentId(String number) {
        if (number == null) {
            return "";
        }
        int visible = Math.min(VISIBLE_ID_CHARACTERS, number.length() / 2);
        return "*".repeat(number.length() - visible) + number.substring(number.length() - visible);
    }

    private static Map<String, String> profile(Profile p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("studentNumber", p.studentNumber());
        m.put("name", p.name());
        m.put("gender", p.gender().name());
        m.put("status", p.status().name());
        m.put("unit", p.unit());
        m.put("enrolmentDate", p.enrolmentDate().toString());
        m.put("leavingDate", p.leavingDate() == null ? "" : p.leavingDate().toString());
        return m;
    }

    private static Map<String, String> identity(Identity i) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("residentIdNumber", maskResidentId(i.residentIdNumber()));
        // The year is enough to recognise; the full date is part of the masked number anyway.
        m.put("birthYear", Integer.toString(i.dateOfBirth().getYear()));
        m.put("nativePlace", i.nativePlace().name() == null ? i.nativePlace().code() : i.nativePlace().name());
        return m;
    }

    private static Map<String, String> contact(Contact c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mobilePhone", c.mobilePhone());
        m.put("email", c.email() == null ? "" : c.email());
        m.put("homeAddress", c.homeAddress());
        return m;
    }

    private static Map<String, String> guardian(Guardian g) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("relationship", g.relationship().name());
        m.put("phone", g.phone());
        m.put("emergencyContact", Boolean.toString(g.emergencyContact()));
        return m;
    }
}
