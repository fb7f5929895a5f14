package edu.studentrecords.it;

import edu.studentrecords.store.model.Gender;
import edu.studentrecords.store.validation.DivisionCodes;
import edu.studentrecords.store.validation.ResidentIdNumber;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A made-up student: the resident ID number is composed with a valid check character from a listed division code,
 * phone numbers are reserved-looking test numbers, names are obviously invented. No real person's data.
 */
record GeneratedStudent(String studentNumber, String name, Gender gender, String unit, LocalDate birthDate,
                        String residentIdNumber, String divisionCode, String divisionName, String mobilePhone,
                        String email, String homeAddress, String guardianName, String guardianPhone) {

    /** The {@code n}-th generated student (n from 1), in {@code unit}. */
    static GeneratedStudent number(int n, String unit) {
        Gender gender = n % 2 == 0 ? Gender.MALE : Gender.FEMALE;
        LocalDate birthDate = LocalDate.of(2004, 1 + n % 12, 1 + n % 27);
        Map.Entry<String, String> division = county(n);
        String residentId = ResidentIdNumber.compose(division.getKey(), birthDate, gender, 100 + n).value();
        return new GeneratedStudent(
            String.format("IT%06d", n), "Test Student " + letters(n), gender, unit, birthDate,
            residentId, division.getKey(), division.getValue(),
            String.format("139%08d", 10_000_000 + n * 7919), "student" + n + "@example.test",
            n + " Generated Road, Test Town", "Test Guardian " + letters(n),
            String.format("137%08d", 20_000_000 + n * 104_729));
    }

    /** The same student under another made-up name (e.g. one in Chinese characters, for searches by name). */
    GeneratedStudent named(String otherName) {
        return new GeneratedStudent(studentNumber, otherName, gender, unit, birthDate, residentIdNumber, divisionCode,
            divisionName, mobilePhone, email, homeAddress, guardianName, guardianPhone);
    }

    /** The same student born on {@code otherBirthDate} (with the resident ID number that goes with it). */
    GeneratedStudent bornOn(LocalDate otherBirthDate) {
        // Each generated student has a county of their own, so one sequence keeps resident ID numbers apart.
        String residentId = ResidentIdNumber.compose(divisionCode, otherBirthDate, gender, 123).value();
        return new GeneratedStudent(studentNumber, name, gender, unit, otherBirthDate, residentId, divisionCode,
            divisionName, mobilePhone, email, homeAddress, guardianName, guardianPhone);
    }

    /** Letters that tell the {@code n}-th student apart in a name: A to Z, then A1 to Z1, and so on. */
    private static String letters(int n) {
        int round = (n - 1) / 26;
        return (char) ('A' + (n - 1) % 26) + (round == 0 ? "" : Integer.toString(round));
    }

    private static Map.Entry<String, String> county(int n) {
        List<Map.Entry<String, String>> counties = new ArrayList<>();
        for (Map.Entry<String, String> entry : DivisionCodes.all().entrySet()) {
            if (!entry.getKey().endsWith("00")) {
                counties.add(entry);
            }
            if (counties.size() > n) {
                break;
            }
        }
        return counties.get(n);
    }

    /** The body of {@code POST /records} for this student, linked to the Keycloak user {@code owner}. */
    Map<String, Object> enrolment(String owner) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", Map.of(
            "studentNumber", studentNumber, "name", name, "gender", gender.name(), "status", "ENROLLED",
            "unit", unit, "enrolmentDate", "2024-09-01"));
        body.put("identity", Map.of(
            "residentIdNumber", residentIdNumber, "dateOfBirth", birthDate.toString(),
            "nativePlace", Map.of("code", divisionCode, "name", divisionName)));
        body.put("contact", Map.of("mobilePhone", mobilePhone, "email", email, "homeAddress", homeAddress));
        body.put("guardians", List.of(Map.of(
            "name", guardianName, "relationship", "MOTHER", "phone", guardianPhone, "emergencyContact", true)));
        if (owner != null) {
            body.put("ownerSubject", owner);
        }
        return body;
    }

    /** Every value of the identity, contact and guardians groups, which a profile-only caller must never see. */
    List<String> confidentialValues() {
        return List.of(residentIdNumber, birthDate.toString(), divisionCode, divisionName, mobilePhone, email,
            homeAddress, guardianName, guardianPhone);
    }
}
