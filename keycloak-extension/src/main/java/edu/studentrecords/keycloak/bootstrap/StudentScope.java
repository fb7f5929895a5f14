package edu.studentrecords.keycloak.bootstrap;

import java.util.List;

/**
 * A client scope the extension creates in every realm, with its consent texts in English and Simplified Chinese.
 *
 * @param name      the scope name, e.g. {@code student.contact.read}
 * @param english   the English consent text
 * @param chinese   the Simplified Chinese consent text
 */
record StudentScope(String name, String english, String chinese) {

    /** Every scope of the contract, in the order they are listed there. */
    static final List<StudentScope> ALL = List.of(
            new StudentScope("student.profile.read", "Read student profiles", "查看学生基本信息"),
            new StudentScope("student.profile.write", "Change student profiles", "修改学生基本信息"),
            new StudentScope("student.identity.read", "Read student identity details", "查看学生身份信息"),
            new StudentScope("student.identity.write", "Change student identity details", "修改学生身份信息"),
            new StudentScope("student.contact.read", "Read student contact details", "查看学生联系方式"),
            new StudentScope("student.contact.write", "Change student contact details", "修改学生联系方式"),
            new StudentScope("student.guardians.read", "Read student guardians", "查看学生监护人信息"),
            new StudentScope("student.guardians.write", "Change student guardians", "修改学生监护人信息"),
            new StudentScope("student.search", "Search student records", "检索学生档案"),
            new StudentScope("student.purge", "Destroy student records", "销毁学生档案"),
            new StudentScope("student.self", "Your own student record", "本人学籍档案"),
            new StudentScope("student.audit", "Read the student records audit trail", "查看学生档案审计记录"),
            new StudentScope("student.admin", "Administer student records", "管理学生档案"));

    /** The realm localization key of the consent text. */
    String consentKey() {
        return "student-records.consent." + name;
    }
}
