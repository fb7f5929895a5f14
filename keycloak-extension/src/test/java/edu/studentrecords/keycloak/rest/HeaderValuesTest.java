package edu.studentrecords.keycloak.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    void versionsTravelAsStrongEntityTags() {
        assertThat(IfMatch.etag(7)).isEqualTo("\"7\"");
        assertThat(IfMatch.version("\"7\"")).isEqualTo(7);
        assertThat(IfMatch.version(" \"12\" ")).isEqualTo(12);
    }

    @Test
    void aMissingIfMatchIs428AndAnUnusableOneIs412() {
        assertThatThrownBy(() -> IfMatch.version(null)).isInstanceOfSatisfying(BadRequest.class,
                e -> assertThat(e.type().status()).isEqualTo(428));
        for (String unusable : new String[] {"7", "W/\"7\"", "\"7\", \"8\"", "*", "\"x\""}) {
            assertThatThrownBy(() -> IfMatch.version(unusable))
                    .isInstanceOfSatisfying(BadRequest.class,
                            e -> assertThat(e.type().status()).isEqualTo(412));
        }
    }
}
