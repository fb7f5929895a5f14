package edu.studentrecords.store.model;

import edu.studentrecords.store.validation.DivisionCode;
import edu.studentrecords.store.validation.DivisionNameMatchesCode;
import edu.studentrecords.store.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Native place (籍貫): a GB/T 2260 administrative-division code and its name.
 *
 * @param code the six-digit division code
 * @param name the division's name; may be {@code null} on input, the store fills it from the code list
 */
@DivisionNameMatchesCode
public record NativePlace(@NotBlank @DivisionCode String code, @PlainText @Size(max = 100) String name) {

    @Override
    public String toString() {
        return "NativePlace[<hidden>]";
    }
}
