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
