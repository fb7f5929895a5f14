package edu.studentrecords.keycloak.rest.representation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request body: at most 16 MiB, UTF-8 only, strict JSON, an object. */
class JsonBodiesTest {

    @Test
    void aBodyIsReadUpToTheCapAndRefusedBeyondItWithoutReadingOn() {
        assertThat(JsonBodies.bytes(new ByteArrayInputStream(new byte[JsonBodies.MAX_BODY_BYTES])))
                .hasSize(JsonBodies.MAX_BODY_BYTES);
        assertThat(JsonBodies.bytes(null)).isEmpty();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThatThrownBy(() -> JsonBodies.bytes(endless)).isInstanceOfSatisfying(BadRequest.class,
                e -> assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedNeverReplaced() {
        assertThat(JsonBodies.text("王小明".getBytes(StandardCharsets.UTF_8))).isEqualTo("王小明");
        for (byte[] bad : new byte[][] {{(byte) 0xff}, {'a', (byte) 0xc3, '('}, {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}}) {
            assertThatThrownBy(() -> JsonBodies.text(bad)).isInstanceOfSatisfying(BadRequest.class,
                    e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST));
        }
    }

    @Test
    void aBodyIsOneStrictJsonObject() throws JsonProcessingException {
        assertThat(JsonBodies.read("{\"reason\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                PurgeRequestRepresentation.Filing.class).reason()).isEqualTo("x");
        for (String malformed : new String[] {"{\"reason\":\"x\"} xyz", "{\"reason\":\"x\",\"reason\":\"y\"}",
            "{\"reason\":" + "[".repeat(1200) + "]".repeat(1200) + "}", "{\"reason\":\"x\",\"extra\":1}"}) {
            assertThatThrownBy(() -> JsonBodies.read(malformed, PurgeRequestRepresentation.Filing.class))
                    .isInstanceOf(JsonProcessingException.class);
        }
        assertThatThrownBy(() -> JsonBodies.read("null", PurgeRequestRepresentation.Filing.class))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void aCharsetOtherThanUtf8IsNoneTheApiReads() {
        assertThat(JsonBodies.declaresOtherCharset(new MediaType("application", "json"))).isFalse();
        assertThat(JsonBodies.declaresOtherCharset(new MediaType("application", "json", "utf-8"))).isFalse();
        assertThat(JsonBodies.declaresOtherCharset(new MediaType("application", "json", Map.of("charset", "UTF8"))))
                .isFalse();
        assertThat(JsonBodies.declaresOtherCharset(new MediaType("application", "json", "ISO-8859-1"))).isTrue();
        assertThat(JsonBodies.declaresOtherCharset(null)).isFalse();
    }
}
