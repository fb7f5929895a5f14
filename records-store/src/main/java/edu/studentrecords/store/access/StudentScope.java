package edu.studentrecords.store.access;

import edu.studentrecords.store.model.FieldGroup;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of OAuth client scopes of the student records API: their names as tokens carry them, the roles whose
 * holders may carry them, their descriptions, and the consent texts a person sees in English and Simplified Chinese.
 * Every realm the extension serves gets exactly these scopes; the demo realm, the centre and the tests take them from
 * here.
 */
public enum StudentScope {
    PROFILE_READ("student.profile.read", Roles.WORK_WITH_RECORDS,
            "Read student profiles (name, student number, class, status)", "Read student profiles", "查看学生基本信息"),
    PROFILE_WRITE("student.profile.write", Roles.CENTRE,
            "Change student profiles", "Change student profiles", "修改学生基本信息"),
    IDENTITY_READ("student.identity.read", Roles.WORK_WITH_RECORDS,
            "Read identity details (resident ID number, date of birth, native place)", "Read student identity details",
            "查看学生身份信息"),
    IDENTITY_WRITE("student.identity.write", Roles.CENTRE,
            "Change identity details", "Change student identity details", "修改学生身份信息"),
    CONTACT_READ("student.contact.read", Roles.WORK_WITH_RECORDS,
            "Read contact details (mobile phone, email, home address)", "Read student contact details", "查看学生联系方式"),
    CONTACT_WRITE("student.contact.write", Roles.WORK_WITH_RECORDS,
            "Change contact details", "Change student contact details", "修改学生联系方式"),
    GUARDIANS_READ("student.guardians.read", Roles.WORK_WITH_RECORDS,
            "Read parents' and guardians' details", "Read student guardians", "查看学生监护人信息"),
    GUARDIANS_WRITE("student.guardians.write", Roles.WORK_WITH_RECORDS,
            "Change parents' and guardians' details", "Change student guardians", "修改学生监护人信息"),
    /** Search over records (hits carry the profile group only). */
    SEARCH("student.search", Roles.WORK_WITH_RECORDS,
            "Search student records", "Search student records", "检索学生档案"),
    /** Ask for and approve the destruction of a record. */
    PURGE("student.purge", Roles.CENTRE, "Destroy student records", "Destroy student records", "销毁学生档案"),
    /** The student's own record, through {@code /me}. */
    SELF("student.self", Set.of(RealmRole.STUDENT),
            "See and update your own student record", "Your own student record", "本人学籍档案"),
    /** A guardian's children under 18: their records, access logs, consents, corrections and reports. */
    GUARDIAN("student.guardian", Set.of(RealmRole.GUARDIAN),
            "Act for your children under 18: their student records, consents, corrections and reports",
            "Your children's student records", "子女的学籍档案"),
    /** The audit trail and misuse reports. */
    AUDIT("student.audit", Set.of(RealmRole.ADMIN, RealmRole.SUPERVISOR),
            "Read the audit trail of student records", "Read the student records audit trail", "查看学生档案审计记录"),
    /** Administration: enrolment, grants, corrections, retention, settings, backups. */
    ADMIN("student.admin", Roles.CENTRE, "Administer student records", "Administer student records", "管理学生档案");

    /** Who may carry which scope: the roles the access decision lets use it. */
    private static final class Roles {
        /** The centre's work: changing profile and identity, destroying, administering. */
        static final Set<RealmRole> CENTRE = Set.of(RealmRole.ADMIN);
        /** Reading, searching, and changing contact and guardians: the centre, staff, and applications. */
        static final Set<RealmRole> WORK_WITH_RECORDS = Set.of(RealmRole.ADMIN, RealmRole.STAFF, RealmRole.APPLICATION);
    }

    private final String scopeName;
    private final Set<RealmRole> roles;
    private final String description;
    private final String consentEnglish;
    private final String consentChinese;

    StudentScope(String scopeName, Set<RealmRole> roles, String description, String consentEnglish,
            String consentChinese) {
        this.scopeName = scopeName;
        this.roles = roles;
        this.description = description;
        this.consentEnglish = consentEnglish;
        this.consentChinese = consentChinese;
    }

    /** The scope as tokens carry it, e.g. {@code student.contact.read}. */
    public String scopeName() {
        return scopeName;
    }

    /**
     * The roles whose holders may carry the scope in a token: a token of anyone else leaves it out (quietly, as
     * Keycloak does for a client scope with role scope mappings the user lacks), whatever the client asks for.
     */
    public Set<RealmRole> roles() {
        return roles;
    }

    /** What the scope opens, in English, for the client scope's description. */
    public String description() {
        return description;
    }

    /** The consent text in English. */
    public String consentEnglish() {
        return consentEnglish;
    }

    /** The consent text in Simplified Chinese. */
    public String consentChinese() {
        return consentChinese;
    }

    /** The realm localization key of the consent text, e.g. {@code student-records.consent.student.contact.read}. */
    public String consentKey() {
        return "student-records.consent." + scopeName;
    }

    /** The scope that lets a token read {@code group}. */
    public static StudentScope read(FieldGroup group) {
        return byName(group.readScope()).orElseThrow();
    }

    /** The scope that lets a token change {@code group}. */
    public static StudentScope write(FieldGroup group) {
        return byName(group.writeScope()).orElseThrow();
    }

    /** The scope with this name, if it is one of the catalogue. */
    public static Optional<StudentScope> byName(String scopeName) {
        return Arrays.stream(values()).filter(s -> s.scopeName.equals(scopeName)).findFirst();
    }
}
