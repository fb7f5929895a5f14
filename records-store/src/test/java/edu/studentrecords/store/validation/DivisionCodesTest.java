package edu.studentrecords.store.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import edu.studentrecords.store.model.StudentRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DivisionCodesTest {

    private static final RecordValidator VALIDATOR = new RecordValidator(SampleRecords.CLOCK);

    @AfterAll
    static void closeValidator() {
        VALIDATOR.close();
    }

    @Test
    void listIsPlausible() {
        assertThat(DivisionCodes.all()).hasSizeGreaterThan(3000);
        assertThat(DivisionCodes.all().keySet()).allSatisfy(code -> assertThat(code).matches("[0-9]{6}"));
        assertThat(DivisionCodes.all().values()).allSatisfy(name -> assertThat(name).isNotBlank().doesNotContain("\t"));
        assertThat(DivisionCodes.nameOf("110101")).contains("东城区");
        assertThat(DivisionCodes.nameOf("310115")).contains("浦东新区");
        assertThat(DivisionCodes.nameOf("110000")).contains("北京市");
        assertThat(DivisionCodes.nameOf("440300")).contains("深圳市");
    }

    @Test
    void hasEveryProvinceLevelDivisionOfTheMainlandAndNoGroupingRows() {
        assertThat(DivisionCodes.all().keySet().stream().filter(c -> c.endsWith("0000"))).hasSize(31);
        assertThat(DivisionCodes.all().values()).doesNotContain("市辖区", "省直辖县级行政区划", "自治区直辖县级行政区划");
        // Every county-level code sits under a province that is in the list.
        assertThat(DivisionCodes.all().keySet())
                .allSatisfy(code -> assertThat(DivisionCodes.contains(code.substring(0, 2) + "0000")).isTrue());
    }

    @Test
    void shippedFileNamesItsSourceAndIsSortedWithoutDuplicates() throws IOException {
        List<String> lines;
        try (InputStream in = DivisionCodes.class.getResourceAsStream("division-codes.tsv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(lines.get(0)).startsWith("# ").contains("china-division@2.7.0");
        List<String> codes = lines.stream().skip(1).map(line -> line.substring(0, line.indexOf('\t'))).toList();
        assertThat(codes).isSorted().doesNotHaveDuplicates().hasSize(DivisionCodes.all().size());
    }

    @Test
    void isUnmodifiable() {
        assertThatThrownBy(() -> DivisionCodes.all().put("999999", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void answersNullAndUnknownCodesWithoutFailing() {
        assertThat(DivisionCodes.contains(null)).isFalse();
        assertThat(DivisionCodes.nameOf(null)).isEmpty();
        assertThat(DivisionCodes.nameOf("999999")).isEmpty();
    }

    static Stream<Arguments> acceptedNativePlaces() {
        return Stream.of(
                arguments("110101", "东城区"),
                arguments("110101", null),
                arguments("110101", " 东城区 "),
                arguments("310115", "浦东新区"),
                arguments("110000", "北京市"),
                arguments("130100", "石家庄市"),
                arguments("440305", null),
                arguments("429004", "仙桃市"),
                arguments("650000", null),
                arguments("540102", null));
    }

    @ParameterizedTest
    @MethodSource("acceptedNativePlaces")
    void acceptsListedCodes(String code, String name) {
        StudentRecord record = SampleRecords.withNativePlace(SampleRecords.adult(), code, name);

        assertThat(VALIDATOR.validate(record)).isEmpty();
    }

    static Stream<Arguments> refusedNativePlaces() {
        String code = "identity.nativePlace.code";
        String name = "identity.nativePlace.name";
        return Stream.of(
                arguments("11010", null, code, "division-code.format"),
                arguments("1101011", null, code, "division-code.format"),
                arguments("11010a", null, code, "division-code.format"),
                arguments("110 101", null, code, "division-code.format"),
                arguments("１１０１０１", null, code, "division-code.format"),
                arguments("999999", null, code, "division-code.unknown"),
                arguments("000000", null, code, "division-code.unknown"),
                arguments("110199", null, code, "division-code.unknown"),
                arguments("110100", null, code, "division-code.unknown"),
                arguments("330103", null, code, "division-code.unknown"),
                arguments("", null, code, "required"),
                arguments("110101", "西城区", name, "division-code.name-mismatch"),
                arguments("310115", "浦东", name, "division-code.name-mismatch"),
                arguments("110000", "北京", name, "division-code.name-mismatch"),
                arguments("110101", "東城區", name, "division-code.name-mismatch"));
    }

    @ParameterizedTest
    @MethodSource("refusedNativePlaces")
    void refusesMalformedUnknownAndMisnamedCodes(String code, String name, String field, String rule) {
        StudentRecord record = SampleRecords.withNativePlace(SampleRecords.adult(), code, name);

        assertThat(VALIDATOR.validate(record)).extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple(field, rule));
    }

    @Test
    void unknownCodeIsNotAlsoReportedAsNameMismatch() {
        StudentRecord record = SampleRecords.withNativePlace(SampleRecords.adult(), "999999", "东城区");

        assertThat(VALIDATOR.validate(record)).extracting(FieldError::rule).containsExactly("division-code.unknown");
    }
}
