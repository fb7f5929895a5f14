package edu.studentrecords.keycloak.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    @Test
    void preflightListsEveryMethodAndTheHeadersBrowsersSend() {
        assertThat(CorsPolicy.METHODS).containsExactly("GET", "POST", "PATCH", "DELETE", "OPTIONS");
        assertThat(CorsPolicy.ALLOWED_HEADERS).isEqualTo("Authorization, Content-Type, If-Match, Data-Purpose");
        assertThat(CorsPolicy.EXPOSED_HEADERS).contains("ETag", "Location", "WWW-Authenticate");
    }
}
