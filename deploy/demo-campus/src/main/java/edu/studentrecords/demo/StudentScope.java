package edu.studentrecords.demo;

import java.util.List;

/**
 * An OAuth client scope of the student records API, with what the consent screen says about it in English
 * and Simplified Chinese.
 *
 * @param name    the scope as tokens carry it, e.g. {@code student.contact.read}
 * @param english the consent text in English
 * @param chinese the consent text in Simplified Chinese
 */
record StudentScope(String name, String english, String chinese) {

    /** Every scope of the API, in the order of the contract. */
    static final List<StudentScope> ALL = List.of(
            new StudentScope("student.profile.read", "Read student profiles (name, student number, class, status)",
                    "读取学籍概况(姓名、学号、班级、学籍状态)"),
            new StudentScope("student.profile.write", "Change student profiles", "修改学籍概况"),
            new StudentScope("student.identity.read", "Read identity details (resident ID number, date of birth, native place)",
                    "读取身份信息(身份证号码、出生日期、籍贯)"),
            new StudentScope("student.identity.write", "Change identity details", "修改身份信息"),
            new StudentScope("student.contact.read", "Read contact details (mobile phone, email, home address)",
                    "读取联系方式(手机号码、电子邮箱、家庭住址)"),
            new StudentScope("student.contact.write", "Change contact details", "修改联系方式"),
            new StudentScope("student.guardians.read", "Read parents' and guardians' details", "读取父母或监护人信息"),
            new StudentScope("student.guardians.write", "Change parents' and guardians' details", "修改父母或监护人信息"),
            new StudentScope("student.search", "Search student records", "检索学生档案"),
            new StudentScope("student.purge", "Destroy student records", "销毁学生档案"),
            new StudentScope("student.self", "See and update your own student record", "查看并更新本人的学生档案"),
            new StudentScope("student.audit", "Read the audit trail of student records", "查阅学生档案的审计记录"),
            new StudentScope("student.admin", "Administer student records", "管理学生档案"));

    /** The realm localization key of the consent text, e.g. {@code student-records.consent.student.contact.read}; the extension's realm bootstrap adds its texts. */
    String messageKey() {
        return "student-records.consent." + name;
    }
}
