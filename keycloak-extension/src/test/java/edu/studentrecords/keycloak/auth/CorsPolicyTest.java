package edu.studentrecords.keycloak.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    @Test
    void preflightListsEveryMethodAndTheHeadersBrowsersSend() {
        assertThat(CorsPolicy.METHODS).containsExactly("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
        assertThat(CorsPolicy.ALLOWED_HEADERS).isEqualTo("Authorization, Content-Type, If-Match, Data-Purpose");
        assertThat(CorsPolicy.EXPOSED_HEADERS).contains("ETag", "Location", "Retry-After", "WWW-Authenticate");
    }

    @Test
    void anOriginIsAllowedWhenItIsOneOfTheWebOrigins() {
        Set<String> origins = Set.of("https://portal.school.example", "http://localhost:8080");
        assertThat(CorsPolicy.allows(origins, "https://portal.school.example")).isTrue();
        assertThat(CorsPolicy.allows(origins, "http://localhost:8080")).isTrue();
        assertThat(CorsPolicy.allows(origins, "https://portal.school.example.attacker.example")).isFalse();
        assertThat(CorsPolicy.allows(origins, "http://localhost:8081")).isFalse();
        assertThat(CorsPolicy.allows(origins, "null")).isFalse();
        assertThat(CorsPolicy.allows(origins, null)).isFalse();
        assertThat(CorsPolicy.allows(Set.of(), "http://localhost:8080")).isFalse();
        assertThat(CorsPolicy.allows(Set.of("*"), "https://anyone.example")).isTrue();
    }

    @Test
    void aWildcardFromARedirectUriAllowsTheOriginsItStandsFor() {
        List<String> origins = List.of("http://localhost:*", "http://127.0.0.1:*");
        assertThat(CorsPolicy.allows(origins, "http://localhost:5173")).isTrue();
        assertThat(CorsPolicy.allows(origins, "http://127.0.0.1:3000")).isTrue();
        assertThat(CorsPolicy.allows(origins, "https://localhost:5173")).isFalse();
        assertThat(CorsPolicy.allows(origins, "http://localhost.attacker.example")).isFalse();
        assertThat(CorsPolicy.allows(origins, "http://localhost:5173.attacker.example")).isFalse();
        assertThat(CorsPolicy.allows(origins, "http://localhost:5173/path")).isFalse();
        assertThat(CorsPolicy.allows(List.of("https://*.school.example"), "https://portal.school.example"))
                .as("a wildcard only at the end, as in redirect URIs").isFalse();
    }
}
