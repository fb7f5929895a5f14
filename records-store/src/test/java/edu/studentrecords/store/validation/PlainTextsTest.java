package edu.studentrecords.store.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What text a person may type: letters of any script and punctuation, never controls or bidirectional overrides. */
class PlainTextsTest {

    private static final RecordValidator VALIDATOR = new RecordValidator(SampleRecords.CLOCK);

    @AfterAll
    static void closeValidator() {
        VALIDATOR.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"王小明", "欧阳·娜娜", "Zoë O'Brien-Núñez", "Ольга", "محمد", "José María", "Ngô Bảo Châu",
        "12号 人民路, 3-401", "family \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "e\u0301", "a\u200db",
        "\u0645\u0647\u200c\u0633\u0627", "(+86) 139-0000-0001"})
    void lettersOfAnyScriptPunctuationAndSymbolsArePlainText(String text) {
        assertThat(PlainTexts.brokenRule(text, false)).isEmpty();
        assertThat(PlainTexts.brokenRule(text, true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u009f", "\u202a", "\u202b", "\u202c",
        "\u202d", "\u202e", "\u200e", "\u200f", "\u061c", "\u200b", "\u2060", "\ufeff", "\u180e", "\u2066",
        "\u2067", "\u2068", "\u2069", "\u2028", "\u2029", "\ud800", "\udfff", "\ufffe",
        "\uffff", "\ufdd0", "\ud83f\udfff"})
    void controlCharactersBidirectionalOverridesAndNoncharactersAreNotInAnyField(String character) {
        String text = "Name" + character + "Tail";
        assertThat(PlainTexts.brokenRule(text, false)).contains(PlainTexts.PLAIN_TEXT);
        assertThat(PlainTexts.brokenRule(text, true)).contains(PlainTexts.PLAIN_TEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r", "\t"})
    void lineBreaksAndTabsBelongOnlyToMultiLineFields(String whitespace) {
        String text = "First line" + whitespace + "second line";
        assertThat(PlainTexts.brokenRule(text, false)).contains(PlainTexts.ONE_LINE);
        assertThat(PlainTexts.brokenRule(text, true)).isEmpty();
        assertThat(PlainTexts.brokenRule(text + "\u0000", false)).as("the worse rule wins").contains(PlainTexts.PLAIN_TEXT);
    }

    @Test
    void anErrorNamesTheFieldAndTheRuleNeverTheValue() {
        FieldError error = PlainTexts.error("reason", "Canary\u202eTxt", true).orElseThrow();
        assertThat(error.field()).isEqualTo("reason");
        assertThat(error.rule()).isEqualTo("plain-text");
        assertThat(error.toString()).doesNotContain("Canary").doesNotContain("Txt");
        assertThat(PlainTexts.error("reason", null, true)).isEmpty();
    }

    @Test
    void theRecordsTextFieldsAreCheckedByFieldInBothLanguages() {
        var adult = SampleRecords.adult();
        var record = SampleRecords.withContact(adult, new edu.studentrecords.store.model.Contact(
                adult.contact().mobilePhone(), "a\u0000b@school.example", "1 Road\u2066"));
        for (Locale locale : List.of(Locale.ROOT, Locale.SIMPLIFIED_CHINESE)) {
            List<FieldError> errors = VALIDATOR.validate(record, locale);
            assertThat(errors).extracting(e -> e.field() + ":" + e.rule())
                    .contains("contact.email:plain-text", "contact.homeAddress:plain-text");
            assertThat(errors).extracting(FieldError::message).doesNotContain("is not valid", "无效");
        }
    }
}
