package edu.studentrecords.keycloak.centre;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.audit.Outcome;
import edu.studentrecords.store.check.Finding;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every code the API answers with (an audit entry's operation, reason, decision and outcome, a self-check finding)
 * has its text in both languages the screens speak, in the shared catalogue the account console and the centre read
 * ({@code themes/shared/codes}): a code added to the store without its texts shows as a bare code to a student.
 */
class CodeTextsTest {

    private static final Path CODES = Path.of("..", "themes", "shared", "codes");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyOperationHasItsText(String language) throws IOException {
        assertTexts("operations", language, names(AuditOperation.values()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyReasonHasItsText(String language) throws IOException {
        Set<String> reasons = new LinkedHashSet<>(names(AuditReason.values()));
        reasons.addAll(names(DenialReason.values()));
        assertTexts("reasons", language, reasons);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyDecisionAndOutcomeHasItsText(String language) throws IOException {
        assertTexts("decisions", language, names(Decision.values()));
        assertTexts("outcomes", language, names(Outcome.values()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void everyFindingHasItsText(String language) throws IOException {
        assertTexts("findings", language, findingCodes());
    }

    private static void assertTexts(String kind, String language, Set<String> codes) throws IOException {
        JsonNode texts = JSON.readTree(CODES.resolve(kind + "." + language + ".json").toFile());
        List<String> missing = new ArrayList<>();
        for (String code : codes) {
            JsonNode text = texts.get(code);
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                missing.add(code);
            }
        }
        assertThat(missing).as("codes without a %s text in %s.%s.json", language, kind, language).isEmpty();
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The finding codes are the public string constants of {@link Finding}. */
    private static Set<String> findingCodes() {
        Set<String> codes = Stream.of(Finding.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers())
                        && f.getType() == String.class)
                .map(CodeTextsTest::value)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(codes).as("finding codes found").isNotEmpty();
        return codes;
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
