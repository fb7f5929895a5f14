package edu.studentrecords.store.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.studentrecords.store.internal.mongo.RecordJson;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.StudentRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Enrolment files (CSV and NDJSON) written from generated records, for import tests. */
public final class EnrolmentFiles {

    /** The CSV header with two guardians and the owner column. */
    public static final String CSV_HEADER = "studentNumber,name,gender,status,unit,enrolmentDate,leavingDate,"
            + "residentIdNumber,dateOfBirth,nativePlaceCode,nativePlaceName,mobilePhone,email,homeAddress,"
            + "guardian1Name,guardian1Relationship,guardian1Phone,guardian1EmergencyContact,"
            + "guardian2Name,guardian2Relationship,guardian2Phone,guardian2EmergencyContact,ownerSubject";

    private EnrolmentFiles() {
    }

    /** One CSV row of {@code record} under {@link #CSV_HEADER}, at most two guardians. */
    public static String csvRow(StudentRecord record, String ownerSubject) {
        var p = record.profile();
        var i = record.identity();
        var c = record.contact();
        List<String> cells = new ArrayList<>(List.of(p.studentNumber(), p.name(), p.gender().name(), p.status().name(),
                p.unit(), p.enrolmentDate().toString(), text(p.leavingDate()), i.residentIdNumber(),
                i.dateOfBirth().toString(), i.nativePlace().code(), text(i.nativePlace().name()), c.mobilePhone(),
                text(c.email()), c.homeAddress()));
        for (int n = 0; n < 2; n++) {
            Guardian g = n < record.guardians().size() ? record.guardians().get(n) : null;
            cells.addAll(g == null ? List.of("", "", "", "")
                    : List.of(g.name(), g.relationship().name(), g.phone(), String.valueOf(g.emergencyContact())));
        }
        cells.add(text(ownerSubject));
        return cells.stream().map(EnrolmentFiles::quoted).collect(Collectors.joining(","));
    }

    /** One NDJSON line of {@code record}: the body of {@code POST /records}. */
    public static String ndjsonLine(StudentRecord record, String ownerSubject) {
        ObjectNode node = RecordJson.mapper().valueToTree(record);
        if (ownerSubject != null) {
            node.put("ownerSubject", ownerSubject);
        }
        try {
            return RecordJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
