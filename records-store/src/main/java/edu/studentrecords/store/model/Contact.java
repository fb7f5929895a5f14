package edu.studentrecords.store.model;

import edu.studentrecords.store.validation.PhoneNumber;
import edu.studentrecords.store.validation.PlainText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The {@link FieldGroup#CONTACT} group. Sensitive: encrypted at rest.
 *
 * @param mobilePhone the student's mobile phone: a mainland mobile number or an E.164 number
 * @param email       an email address, or {@code null}
 * @param homeAddress the home address
 */
public record Contact(
        @NotBlank @PlainText @PhoneNumber String mobilePhone,
        @PlainText @Email(regexp = ".+@.+\\..+") @Size(max = 254) String email,
        @NotBlank @PlainText @Size(max = 200) String homeAddress) {

    @Override
    public String toString() {
        return "Contact[<hidden>]";
    }
}
