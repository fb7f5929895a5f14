package edu.studentrecords.store.model;

import edu.studentrecords.store.validation.LeavingAfterEnrolment;
import edu.studentrecords.store.validation.PlainText;
import edu.studentrecords.store.validation.UnitFormat;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * The {@link FieldGroup#PROFILE} group: who the student is at the school. Stored in clear so that it can
 * be searched and used for access decisions.
 *
 * @param studentNumber the school's number for the student, unique in the realm
 * @param name          the full legal name
 * @param gender        gender as recorded at enrolment
 * @param status        enrolment status
 * @param unit          the organisational unit (faculty/department/class) as a slash path
 * @param enrolmentDate the day the student enrolled
 * @param leavingDate   the day the student left, or {@code null} while enrolled
 */
@LeavingAfterEnrolment
public record Profile(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{4,20}") String studentNumber,
        @NotBlank @PlainText @Size(max = 64) String name,
        @NotNull Gender gender,
        @NotNull EnrolmentStatus status,
        @NotBlank @UnitFormat @Size(max = 200) String unit,
        @NotNull LocalDate enrolmentDate,
        LocalDate leavingDate) {

    @Override
    public String toString() {
        return "Profile[<hidden>]";
    }
}
