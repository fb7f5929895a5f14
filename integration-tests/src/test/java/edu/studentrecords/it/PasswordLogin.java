package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * Tokens from a server the test framework does not run, by the flows campus apps use: a person signs in through
 * Keycloak's own login form (authorization code with PKCE, as the public client {@code campus-portal}), a service
 * signs in with its client credentials. Plain HTTP, a cookie jar per sign-in, no browser.
 */
final class PasswordLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final String REDIRECT = "http://localhost:9999/callback";
    /** What the login page says when it is shown again (its error or message). */
    private static final Pattern FEEDBACK =
            Pattern.compile("class=\"[^\"]*kc-feedback-text[^\"]*\"[^>]*>\\s*([^<]+?)\\s*<");

    private final String realmUrl;
    private final SSLContext tls;

    /** Sign-ins at {@code realmUrl} ({@code https://host/realms/name}) over connections trusting {@code tls}. */
    PasswordLogin(String realmUrl, SSLContext tls) {
        this.realmUrl = realmUrl;
        this.tls = tls;
    }

    /** An access token of {@code username} (whose password the demo sets to the username) for {@code scope}. */
    String person(String username, String scope) {
        HttpClient browser = HttpClient.newBuilder().sslContext(tls).cookieHandler(new BrowserCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        return tokens(browser, username, scope).get("access_token").asText();
    }

    /**
     * The token response (access, refresh and ID token) of a sign-in of {@code username} through {@code browser}, a
     * client that keeps cookies and follows no redirects; a caller that reuses it clears its cookies between sign-ins.
     */
    JsonNode tokens(HttpClient browser, String username, String scope) {
        String verifier = randomText();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String authorize = realmUrl + "/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", "campus-portal", "response_type", "code", "redirect_uri", REDIRECT, "scope", scope,
                "code_challenge", challenge, "code_challenge_method", "S256", "state", randomText()));
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(URI.create(authorize)).GET());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (page.statusCode() != 200 || !action.find()) {
            throw new AssertionError("no login form: " + page.statusCode());
        }
        HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", username)))));
        String location = signedIn.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                username + " was not signed in: " + signedIn.statusCode() + feedback(signedIn.body())));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new AssertionError("no code in the redirect");
        }
        return grant(browser, Map.of("grant_type", "authorization_code", "client_id", "campus-portal",
                "code", code.group(1), "redirect_uri", REDIRECT, "code_verifier", verifier));
    }

    /** ", the page says: ..." with the login page's error or message, when it shows one. */
    private static String feedback(String page) {
        Matcher said = FEEDBACK.matcher(page);
        return said.find() ? ", the page says: " + said.group(1) : "";
    }

    /** The token response of a refresh of a sign-in's {@code refreshToken}. */
    JsonNode refresh(HttpClient http, String refreshToken) {
        return grant(http, Map.of("grant_type", "refresh_token", "client_id", "campus-portal",
                "refresh_token", refreshToken));
    }

    /** An access token of a confidential client's service account. */
    String client(String clientId, String secret, String scope) {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        return client(http, clientId, secret, scope);
    }

    /** A service account's access token, over {@code http}. */
    String client(HttpClient http, String clientId, String secret, String scope) {
        return grant(http, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
                "scope", scope)).get("access_token").asText();
    }

    private JsonNode grant(HttpClient http, Map<String, String> fields) {
        HttpResponse<String> reply = send(http, HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
        try {
            JsonNode body = Api.JSON.readTree(reply.body());
            if (reply.statusCode() != 200 || !body.hasNonNull("access_token")) {
                throw new AssertionError("token request answered " + reply.statusCode() + ": " + body.path("error"));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomText() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
