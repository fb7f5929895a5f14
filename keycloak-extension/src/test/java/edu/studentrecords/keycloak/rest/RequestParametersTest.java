package edu.studentrecords.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.store.PurgeStatus;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestParametersTest {

    @Test
    void versionsTravelAsStrongEntityTags() {
        assertThat(RequestParameters.etag(7)).isEqualTo("\"7\"");
        assertThat(RequestParameters.ifMatchVersion("\"7\"")).isEqualTo(7);
        assertThat(RequestParameters.ifMatchVersion(" \"12\" ")).isEqualTo(12);
    }

    @Test
    void aMissingIfMatchIs428AndAnUnusableOneIs412() {
        assertThatThrownBy(() -> RequestParameters.ifMatchVersion(null)).isInstanceOfSatisfying(BadRequest.class,
                e -> assertThat(e.type().status()).isEqualTo(428));
        for (String unusable : new String[] {"7", "W/\"7\"", "\"7\", \"8\"", "*", "\"x\""}) {
            assertThatThrownBy(() -> RequestParameters.ifMatchVersion(unusable))
                    .isInstanceOfSatisfying(BadRequest.class,
                            e -> assertThat(e.type().status()).isEqualTo(412));
        }
    }

    @Test
    void queryParametersFallBackWhenAbsentAndAreRefusedByNameNeverByValue() {
        assertThat(RequestParameters.integer("limit", null, 50, 1, 1000)).isEqualTo(50);
        assertThat(RequestParameters.integer("limit", " 7 ", 50, 1, 1000)).isEqualTo(7);
        assertBad(() -> RequestParameters.integer("limit", "1001", 50, 1, 1000),
                "'limit' must be a whole number from 1 to 1000.");
        assertBad(() -> RequestParameters.integer("limit", "seven", 50, 1, 1000),
                "'limit' must be a whole number from 1 to 1000.");
        // ASCII digits only: Java's own parser also takes a sign and the digits of other scripts (\u0665 is 5).
        for (String other : new String[] {"+5", "\u0665", "\uff15", "5e0", "0x5", "99999999999"}) {
            assertBad(() -> RequestParameters.integer("limit", other, 50, 1, 1000),
                    "'limit' must be a whole number from 1 to 1000.");
        }

        assertThat(RequestParameters.instant("from", "")).isNull();
        assertThat(RequestParameters.instant("from", "2026-09-01T00:00:00Z"))
                .isEqualTo(Instant.parse("2026-09-01T00:00:00Z"));
        assertBad(() -> RequestParameters.instant("from", "yesterday"),
                "'from' must be an ISO-8601 instant such as 2026-09-01T00:00:00Z.");

        assertThat(RequestParameters.oneOf("status", null, PurgeStatus.class, PurgeStatus.PENDING))
                .isEqualTo(PurgeStatus.PENDING);
        assertThat(RequestParameters.oneOf("status", " approved ", PurgeStatus.class, null))
                .isEqualTo(PurgeStatus.APPROVED);
        assertBad(() -> RequestParameters.oneOf("status", "GONE", PurgeStatus.class, null),
                "'status' must be one of " + java.util.Arrays.toString(PurgeStatus.values()) + ".");
    }

    @Test
    void aBodyMustBeThereAndOfTheExpectedType() {
        RequestParameters.requireContentType(new MediaType("application", "json", "UTF-8"),
                MediaType.APPLICATION_JSON);
        assertThatThrownBy(() -> RequestParameters.requireContentType(MediaType.TEXT_PLAIN_TYPE,
                RequestParameters.MERGE_PATCH)).isInstanceOfSatisfying(BadRequest.class,
                        e -> assertThat(e.type().status()).isEqualTo(415));
        assertThatThrownBy(() -> RequestParameters.requireContentType(null, MediaType.APPLICATION_JSON))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> RequestParameters.requireContentType(new MediaType("application", "json", "ISO-8859-1"),
                MediaType.APPLICATION_JSON)).as("the API reads UTF-8 only").isInstanceOfSatisfying(BadRequest.class,
                        e -> assertThat(e.type().status()).isEqualTo(415));
        assertBad(() -> RequestParameters.requireBody(" "), "The request needs a JSON body.");
    }

    private static void assertBad(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BadRequest.class, e -> {
            assertThat(e.type().status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
