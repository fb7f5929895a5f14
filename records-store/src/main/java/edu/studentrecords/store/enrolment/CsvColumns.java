package edu.studentrecords.store.enrolment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of an enrolment CSV file and where each one goes in a record. Flat names, one per field:
 *
 * <pre>
 * studentNumber, name, gender, status, unit, enrolmentDate, leavingDate          → profile.*
 * residentIdNumber, dateOfBirth, nativePlaceCode, nativePlaceName                → identity.*
 * mobilePhone, email, homeAddress                                                → contact.*
 * guardian&lt;N&gt;Name, guardian&lt;N&gt;Relationship, guardian&lt;N&gt;Phone,
 * guardian&lt;N&gt;EmergencyContact (N = 1 to 10)                                    → guardians[i].*
 * ownerSubject                                                                   → the Keycloak user to link
 * </pre>
 *
 * Dates are ISO ({@code 2024-09-01}); gender, status and relationship take the enum names of the model
 * ({@code FEMALE}, {@code ENROLLED}, {@code MOTHER}); emergency contact is {@code true} or {@code false}. An empty
 * cell is an absent value. Guardians whose cells are all empty are left out; the others keep their order, so
 * {@code guardians[0]} in an error is the first guardian given.
 */
final class CsvColumns {

    /** The most guardians a record holds (the model's limit). */
    static final int MAX_GUARDIANS = 10;

    private static final Map<String, List<String>> FIXED = Map.ofEntries(
            Map.entry("studentNumber", List.of("profile", "studentNumber")),
            Map.entry("name", List.of("profile", "name")),
            Map.entry("gender", List.of("profile", "gender")),
            Map.entry("status", List.of("profile", "status")),
            Map.entry("unit", List.of("profile", "unit")),
            Map.entry("enrolmentDate", List.of("profile", "enrolmentDate")),
            Map.entry("leavingDate", List.of("profile", "leavingDate")),
            Map.entry("residentIdNumber", List.of("identity", "residentIdNumber")),
            Map.entry("dateOfBirth", List.of("identity", "dateOfBirth")),
            Map.entry("nativePlaceCode", List.of("identity", "nativePlace", "code")),
            Map.entry("nativePlaceName", List.of("identity", "nativePlace", "name")),
            Map.entry("mobilePhone", List.of("contact", "mobilePhone")),
            Map.entry("email", List.of("contact", "email")),
            Map.entry("homeAddress", List.of("contact", "homeAddress")));

    private static final Map<String, String> GUARDIAN_FIELDS = Map.of(
            "Name", "name", "Relationship", "relationship", "Phone", "phone", "EmergencyContact", "emergencyContact");
    private static final Pattern GUARDIAN = Pattern.compile("guardian([1-9][0-9]?)(Name|Relationship|Phone|EmergencyContact)");

    /** The column that links a record to its Keycloak user. */
    static final String OWNER = "ownerSubject";

    private CsvColumns() {
    }

    /**
     * Where a column goes.
     *
     * @return empty for a column that is not one of the file format's
     */
    static Optional<Column> of(String header) {
        if (header.equals(OWNER)) {
            return Optional.of(new Column(header, List.of(), -1, null));
        }
        List<String> path = FIXED.get(header);
        if (path != null) {
            return Optional.of(new Column(header, path, -1, null));
        }
        Matcher m = GUARDIAN.matcher(header);
        if (m.matches()) {
            int number = Integer.parseInt(m.group(1));
            if (number >= 1 && number <= MAX_GUARDIANS) {
                return Optional.of(new Column(header, List.of(), number, GUARDIAN_FIELDS.get(m.group(2))));
            }
        }
        return Optional.empty();
    }

    /**
     * One column of the file.
     *
     * @param header        its name in the header row
     * @param path          where its value goes in the record (empty for the owner and guardian columns)
     * @param guardian      the guardian's number (from 1) for a guardian column, else -1
     * @param guardianField the guardian's field for a guardian column, else null
     */
    record Column(String header, List<String> path, int guardian, String guardianField) {

        boolean isOwner() {
            return header.equals(OWNER);
        }
    }
}
