package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.net.URLDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls the student-records REST API of one realm as a campus application would: plain HTTP with a bearer token. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The claims of a JWT (its payload), read without checking the signature: for asserting what a token carries. */
    static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    static final String MERGE_PATCH = "application/merge-patch+json";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final HttpClient http;

    Api(String realmBaseUrl) {
        this(realmBaseUrl, HTTP);
    }

    /** The API of a realm reached through {@code http} (e.g. one that trusts a server's own certificate). */
    Api(String realmBaseUrl, HttpClient http) {
        this.base = realmBaseUrl + "/student-records";
        this.http = http;
    }

    /** A request to {@code path} (below the API base) by {@code token} (null: none) for {@code purpose} (null: none). */
    Call call(String method, String path, String token, String purpose) {
        return new Call(http, method, base + path, token, purpose);
    }

    /** One request being put together. */
    static final class Call {
        private final HttpClient http;
        private final String method;
        private final String uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private boolean checked = true;

        private Call(HttpClient http, String method, String uri, String token, String purpose) {
            this.http = http;
            this.method = method;
            this.uri = uri;
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
            if (purpose != null) {
                headers.put("Data-Purpose", purpose);
            }
        }

        /**
         * Leaves this exchange out of the OpenAPI check: only for a request that is outside what any API can describe
         * (a Content-Type header that is no media type, which Keycloak's own filter answers).
         */
        Call outsideTheContract() {
            checked = false;
            return this;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call json(String contentType, Object value) {
            try {
                return bytes(contentType, value instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A body of exactly these bytes, sent with {@code contentType}, or with no Content-Type when it is null. */
        Call bytes(String contentType, byte[] bytes) {
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            body = bytes;
            return this;
        }

        /** Sends the request and answers the status and the body's bytes (for binary answers such as an export). */
        HttpResponse<byte[]> sendForBytes() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Reply send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Reply reply = new Reply(method + " " + URI.create(uri).getPath(), response);
                if (checked) {
                    holdToTheContract(response);
                }
                return reply;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Fails the test when the exchange is not as the API's OpenAPI document says ({@link OpenApiContract}). */
        private void holdToTheContract(HttpResponse<String> response) {
            URI address = URI.create(uri);
            String path = address.getRawPath();
            int api = path.indexOf("/student-records");
            String below = URLDecoder.decode(path.substring(api + "/student-records".length()), StandardCharsets.UTF_8);
            List<String> problems = OpenApiContract.get().check(new OpenApiContract.Exchange(method, below,
                OpenApiContract.query(address.getRawQuery()), headers, body, response.statusCode(),
                name -> response.headers().firstValue(name), response.body()));
            if (!problems.isEmpty()) {
                throw new AssertionError(method + " " + below + " -> " + response.statusCode()
                    + " is not as the OpenAPI document (keycloak-extension/src/main/resources/"
                    + OpenApiContract.DOCUMENT + ") says:\n  " + String.join("\n  ", problems)
                    + "\nbody: " + abbreviate(response.body()));
            }
        }

        private static String abbreviate(String text) {
            return text == null || text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
        }
    }

    /** What the API answered. */
    record Reply(String request, HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** Every header line and the body, for checks that a value appears nowhere in the answer. */
        String everything() {
            return response.headers().map() + "\n" + response.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError(request + " answered " + status() + " with a body that is not JSON", e);
            }
        }

        @Override
        public String toString() {
            return request + " -> " + status();
        }
    }
}
