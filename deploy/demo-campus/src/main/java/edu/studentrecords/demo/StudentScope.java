package edu.studentrecords.demo;

import java.util.List;

/**
 * An OAuth client scope of the student records API, with its English description. The consent texts (English and
 * Simplified Chinese) are the extension's, added by its realm bootstrap under {@link #messageKey()}.
 *
 * @param name    the scope as tokens carry it, e.g. {@code student.contact.read}
 * @param english the scope's description in English
 */
record StudentScope(String name, String english) {

    /** Every scope of the API, in the order of the contract. */
    static final List<StudentScope> ALL = List.of(
            new StudentScope("student.profile.read", "Read student profiles (name, student number, class, status)"),
            new StudentScope("student.profile.write", "Change student profiles"),
            new StudentScope("student.identity.read", "Read identity details (resident ID number, date of birth, native place)"),
            new StudentScope("student.identity.write", "Change identity details"),
            new StudentScope("student.contact.read", "Read contact details (mobile phone, email, home address)"),
            new StudentScope("student.contact.write", "Change contact details"),
            new StudentScope("student.guardians.read", "Read parents' and guardians' details"),
            new StudentScope("student.guardians.write", "Change parents' and guardians' details"),
            new StudentScope("student.search", "Search student records"),
            new StudentScope("student.purge", "Destroy student records"),
            new StudentScope("student.self", "See and update your own student record"),
            new StudentScope("student.audit", "Read the audit trail of student records"),
            new StudentScope("student.admin", "Administer student records"));

    /** The realm localization key of the consent text, e.g. {@code student-records.consent.student.contact.read}. */
    String messageKey() {
        return "student-records.consent." + name;
    }
}
