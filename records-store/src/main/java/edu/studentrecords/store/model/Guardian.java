package edu.studentrecords.store.model;

import edu.studentrecords.store.validation.PhoneNumber;
import edu.studentrecords.store.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A parent or guardian, one entry of the {@link FieldGroup#GUARDIANS} group. Sensitive: encrypted at rest.
 *
 * @param name             full name
 * @param relationship     how the guardian is related to the student
 * @param phone            a mainland mobile number or an E.164 number
 * @param emergencyContact whether the school calls this guardian in an emergency
 */
public record Guardian(
        @NotBlank @PlainText @Size(max = 64) String name,
        @NotNull Relationship relationship,
        @NotBlank @PlainText @PhoneNumber String phone,
        boolean emergencyContact) {

    @Override
    public String toString() {
        return "Guardian[<hidden>]";
    }
}
