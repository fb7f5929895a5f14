package edu.studentrecords.store.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Strict JSON: one document, no key twice, at most 32 levels, no unknown field. */
class StrictJsonTest {

    private static final ObjectMapper JSON = StrictJson.mapper();

    record Body(String reason) {
    }

    record Typed(String text, Integer days, Long sequence, Boolean dryRun, Double ratio, java.util.List<Long> entries,
            java.time.LocalDate date) {
    }

    enum Colour { RED, GREEN }

    record Painted(Colour colour) {
    }

    record Times(java.time.LocalDate date, java.time.Instant at, java.time.OffsetDateTime offset,
            java.time.LocalDateTime local) {
    }

    @Test
    void oneDocumentAndNothingAfterIt() throws JsonProcessingException {
        assertThat(JSON.readValue(" {\"reason\":\"x\"}\n", Body.class).reason()).isEqualTo("x");
        for (String trailing : new String[] {" xyz", "{}", " {\"reason\":\"y\"}", "]", ","}) {
            assertThatThrownBy(() -> JSON.readValue("{\"reason\":\"x\"}" + trailing, Body.class))
                    .isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> JSON.readTree("{\"reason\":\"x\"}" + trailing))
                    .isInstanceOf(JsonProcessingException.class);
        }
    }

    @Test
    void noKeyTwiceAtAnyLevel() {
        assertThatThrownBy(() -> JSON.readValue("{\"reason\":\"a\",\"reason\":\"b\"}", Body.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JSON.readTree("{\"a\":{\"b\":1,\"b\":2}}")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void atMostThirtyTwoLevels() throws JsonProcessingException {
        assertThat(JSON.readTree(nested(StrictJson.MAX_DEPTH))).isNotNull();
        assertThatThrownBy(() -> JSON.readTree(nested(StrictJson.MAX_DEPTH + 1)))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JSON.readTree(nested(1200))).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"reason\":" + nested(40) + "}", Body.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void noFieldTheTypeDoesNotHave() {
        assertThatThrownBy(() -> JSON.readValue("{\"reason\":\"x\",\"extra\":1}", Body.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aValueOfAnotherTypeIsRefusedNotConverted() throws JsonProcessingException {
        Typed exact = JSON.readValue("{\"text\":\"a\",\"days\":1825,\"sequence\":2412,\"dryRun\":false,"
                + "\"ratio\":0.5,\"entries\":[3,4],\"date\":\"2031-01-31\"}", Typed.class);
        assertThat(exact).isEqualTo(new Typed("a", 1825, 2412L, false, 0.5, java.util.List.of(3L, 4L),
                java.time.LocalDate.of(2031, 1, 31)));
        assertThat(JSON.readValue("{\"ratio\":2}", Typed.class).ratio()).as("a whole number is a number").isEqualTo(2.0);
        for (String body : new String[] {"{\"days\":\"1825\"}", "{\"days\":1825.5}", "{\"days\":1825.0}",
                "{\"sequence\":\"2412\"}", "{\"entries\":[\"2412\"]}", "{\"entries\":[2412.7]}",
                "{\"dryRun\":\"false\"}", "{\"dryRun\":0}", "{\"text\":12}", "{\"text\":true}",
                "{\"text\":1.5}", "{\"ratio\":\"0.5\"}"}) {
            assertThatThrownBy(() -> JSON.readValue(body, Typed.class)).as(body).isInstanceOf(JsonProcessingException.class);
        }
    }

    @Test
    void datesAndTimesAreIsoTextAndNothingElse() throws JsonProcessingException {
        Times iso = JSON.readValue("{\"date\":\"2024-09-02\",\"at\":\"2026-12-08T04:00:00Z\","
                + "\"offset\":\"2026-12-08T12:00:00+08:00\",\"local\":\"2026-12-08T12:00:00\"}", Times.class);
        assertThat(iso.date()).isEqualTo(java.time.LocalDate.of(2024, 9, 2));
        assertThat(iso.at()).isEqualTo(java.time.Instant.parse("2026-12-08T04:00:00Z"));
        assertThat(iso.offset().toInstant()).isEqualTo(iso.at());
        assertThat(iso.local()).isEqualTo(java.time.LocalDateTime.of(2026, 12, 8, 12, 0));
        assertThat(JSON.readValue("{\"date\":null}", Times.class).date()).isNull();
        // Jackson's own readers take each of these as a date or a time: days or seconds since 1970, fields in an array,
        // an empty array as no date.
        for (String body : new String[] {"{\"date\":19600}", "{\"date\":[2024,9,2]}", "{\"date\":[]}",
                "{\"date\":{}}", "{\"date\":true}", "{\"at\":1700000000}", "{\"at\":1700000000.5}",
                "{\"at\":[2026,12,8]}", "{\"offset\":1700000000}", "{\"local\":[2026,12,8,12,0]}",
                "{\"local\":0}", "{\"at\":\"1800000000\"}", "{\"at\":\"1800000000.5\"}", "{\"offset\":\"1800000000\"}",
                "{\"date\":\"19600\"}", "{\"date\":\"2023-09-02T23:59:59Z\"}", "{\"date\":\"2023-09-02T23:59:59\"}",
                "{\"date\":\"\"}", "{\"at\":\"\"}", "{\"date\":\" 2024-09-02\"}", "{\"date\":\"2024-02-30\"}"}) {
            assertThatThrownBy(() -> JSON.readValue(body, Times.class)).as(body)
                    .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
        }
        assertThatThrownBy(() -> JSON.readValue("{\"date\":\"2024-02-30\"}", Times.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void anEmptyTextIsNotANumberABooleanOrAConstant() {
        for (String body : new String[] {"{\"days\":\"\"}", "{\"sequence\":\"\"}", "{\"dryRun\":\"\"}",
                "{\"ratio\":\"\"}", "{\"entries\":[\"\"]}"}) {
            assertThatThrownBy(() -> JSON.readValue(body, Typed.class)).as(body)
                    .isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> StrictJson.textCells().readValue(body, Typed.class)).as("cells: " + body)
                    .isInstanceOf(JsonProcessingException.class);
        }
        assertThatThrownBy(() -> JSON.readValue("{\"colour\":\"\"}", Painted.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void anEnumIsOneOfItsNamesNeverItsPosition() throws JsonProcessingException {
        assertThat(JSON.readValue("{\"colour\":\"GREEN\"}", Painted.class).colour()).isEqualTo(Colour.GREEN);
        // Jackson's own reader takes a number, or a text of digits, as the constant at that position.
        for (String body : new String[] {"{\"colour\":1}", "{\"colour\":0}", "{\"colour\":\"1\"}",
                "{\"colour\":1.0}", "{\"colour\":true}", "{\"colour\":\"BLUE\"}", "{\"colour\":\"green\"}",
                "{\"colour\":\" GREEN \"}"}) {
            assertThatThrownBy(() -> JSON.readValue(body, Painted.class)).as(body)
                    .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
            assertThatThrownBy(() -> StrictJson.textCells().readValue(body, Painted.class)).as("cells: " + body)
                    .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
        }
    }

    /** {@code depth} levels: objects inside arrays inside objects. */
    private static String nested(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            open.append(i % 2 == 0 ? "{\"a\":" : "[");
            close.insert(0, i % 2 == 0 ? "}" : "]");
        }
        return open + "1" + close;
    }
}
