package edu.studentrecords.store.model;

import edu.studentrecords.store.validation.ValidResidentIdNumber;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/**
 * The {@link FieldGroup#IDENTITY} group. Sensitive: encrypted at rest.
 *
 * @param residentIdNumber the 18-character resident identity number (GB 11643-1999)
 * @param dateOfBirth      date of birth; must equal the date embedded in the resident ID number
 * @param nativePlace      native place
 */
public record Identity(
        @NotBlank @ValidResidentIdNumber String residentIdNumber,
        @NotNull LocalDate dateOfBirth,
        @NotNull @Valid NativePlace nativePlace) {

    @Override
    public String toString() {
        return "Identity[<hidden>]";
    }
}
