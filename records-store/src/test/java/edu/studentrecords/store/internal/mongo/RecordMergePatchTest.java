package edu.studentrecords.store.internal.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A merge patch is one strict JSON object naming field groups, applied as RFC 7386 says. */
class RecordMergePatchTest {

    private static final StudentRecord RECORD = new GeneratedStudents(7).next(LocalDate.of(2026, 9, 1));

    @Test
    void anObjectMergesMemberByMemberNullRemovesAnythingElseReplaces() {
        StudentRecord after = RecordMergePatch.parse("{\"contact\":{\"homeAddress\":\"5号 学府路\",\"email\":null},"
                + "\"guardians\":[]}").applyTo(RECORD);
        assertThat(after.contact().homeAddress()).isEqualTo("5号 学府路");
        assertThat(after.contact().email()).isNull();
        assertThat(after.contact().mobilePhone()).isEqualTo(RECORD.contact().mobilePhone());
        assertThat(after.guardians()).isEmpty();
        assertThat(after.profile()).isEqualTo(RECORD.profile());
        assertThat(after.identity()).isEqualTo(RECORD.identity());
    }

    @Test
    void itKnowsTheGroupsItTouches() {
        assertThat(RecordMergePatch.parse("{\"profile\":{\"name\":\"王芳\"},\"contact\":null}").touchedGroups())
                .containsExactlyInAnyOrder(FieldGroup.PROFILE, FieldGroup.CONTACT);
    }

    @Test
    void onlyOneStrictJsonObjectIsAPatch() {
        for (String malformed : new String[] {"{\"contact\":{}} xyz", "{\"contact\":{\"email\":null},\"contact\":{}}",
            "{\"contact\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}",
            "{\"contact\":" + "[".repeat(1200) + "]".repeat(1200) + "}", "[]", "null", "{}", "", "{"}) {
            assertThatThrownBy(() -> RecordMergePatch.parse(malformed)).as(malformed.length() > 60 ? "deep" : malformed)
                    .is(Kinds.MALFORMED);
        }
        assertThatThrownBy(() -> RecordMergePatch.parse("{\"shoeSize\":42}")).is(Kinds.INVALID);
    }

    @Test
    void aResultOfTheWrongShapeIsInvalidNamingTheField() {
        assertThatThrownBy(() -> RecordMergePatch.parse("{\"contact\":{\"homeAddress\":{\"a\":1}}}").applyTo(RECORD))
                .is(Kinds.INVALID);
        assertThatThrownBy(() -> RecordMergePatch.parse("{\"contact\":{\"fax\":\"1\"}}").applyTo(RECORD))
                .is(Kinds.INVALID);
        // An enum is one of its names: a number is not the constant at that position.
        for (String patch : new String[] {"{\"profile\":{\"status\":1}}", "{\"guardians\":[{\"relationship\":0}]}"}) {
            assertThatThrownBy(() -> RecordMergePatch.parse(patch).applyTo(RECORD)).as(patch).is(Kinds.INVALID)
                    .extracting(e -> ((edu.studentrecords.store.StoreException) e).errors().toString()).asString()
                    .contains("wrong-type");
        }
        // A date is ISO text: a number (days since 1970) or an array of fields is the wrong type, not a date.
        for (String date : new String[] {"19600", "[2024,9,2]", "[]"}) {
            assertThatThrownBy(() -> RecordMergePatch.parse("{\"profile\":{\"enrolmentDate\":" + date + "}}")
                    .applyTo(RECORD)).as(date).is(Kinds.INVALID)
                    .extracting(e -> ((edu.studentrecords.store.StoreException) e).errors().toString()).asString()
                    .contains("profile.enrolmentDate").contains("wrong-type");
        }
    }
}
