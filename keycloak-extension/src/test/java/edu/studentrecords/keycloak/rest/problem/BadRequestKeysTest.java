package edu.studentrecords.keycloak.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the API words itself ({@code new BadRequest("key", …)}, with or without a problem type first) has its
 * text in English and in Simplified Chinese: a key written in the code without its texts fails the build instead of
 * reaching a user as the bare key.
 */
class BadRequestKeysTest {

    /** {@code new BadRequest(} then, after an optional {@code ProblemType.X,}, the string literal of the key. */
    private static final Pattern KEY = Pattern.compile(
            "new\\s+BadRequest\\s*\\(\\s*(?:ProblemType\\.\\w+\\s*,\\s*)?\"([^\"]*)\"");

    @Test
    void everyKeyOfTheCodeHasItsEnglishAndChineseText() throws IOException {
        Map<String, String> keys = keysIn(Path.of("src", "main", "java"));
        assertThat(keys).as("the refusals found in the code").hasSizeGreaterThan(20).containsKey("bad.agreement-content");
        Properties english = ProblemTextsTest.load("ProblemTexts.properties");
        Properties chinese = ProblemTextsTest.load("ProblemTexts_zh_CN.properties");
        keys.forEach((key, file) -> {
            assertThat(english.getProperty(key)).as("the English text of %s (in %s)", key, file).isNotBlank();
            assertThat(chinese.getProperty(key)).as("the Chinese text of %s (in %s)", key, file).isNotBlank();
        });
    }

    @Test
    void theScanFindsAKeyWrittenOverSeveralLinesAndAfterAProblemType() {
        Matcher plain = KEY.matcher("throw new BadRequest(\n        \"bad.some-key\", value);");
        Matcher typed = KEY.matcher("new BadRequest(ProblemType.PAYLOAD_TOO_LARGE, \"bad.other\", 1)");
        assertThat(plain.find()).isTrue();
        assertThat(plain.group(1)).isEqualTo("bad.some-key");
        assertThat(typed.find()).isTrue();
        assertThat(typed.group(1)).isEqualTo("bad.other");
    }

    /** The keys of the sources under {@code root}, each with the first file that uses it. */
    private static Map<String, String> keysIn(Path root) throws IOException {
        assertThat(root).as("the sources, from the module's directory").isDirectory();
        Map<String, String> keys = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = KEY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    keys.putIfAbsent(matcher.group(1), root.relativize(file).toString());
                }
            }
        }
        return keys;
    }
}
