package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI document (the extension's {@code student-records.yaml}) as a contract that every call of the
 * integration tests is held to: {@link Api} hands each exchange to {@link #check}, which finds the documented
 * operation, and fails on a status the operation does not document, a required header missing or not as documented,
 * a content type it does not document, or a body its schema refuses (the response schemas forbid fields they do not
 * name). A request the server accepted (2xx) is held to the document too: its parameters, headers and body. It also
 * counts which operation answered which status, for {@link OpenApiContractIT}'s coverage check.
 */
final class OpenApiContract {

    static final String DOCUMENT = "edu/studentrecords/keycloak/apidocs/student-records.yaml";
    private static final String BASE = "https://student-records.example/openapi";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
        "trace");

    private static volatile OpenApiContract instance;

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> seen = new ConcurrentHashMap<>();
    private final List<Map<String, Set<Integer>>> recordings = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One operation of the document. */
    record Operation(String method, String path, Pattern pattern, String id, String pointer, JsonNode node,
                     List<JsonNode> parameters) {
    }

    /** An exchange as the test client saw it. */
    record Exchange(String method, String path, Map<String, List<String>> query, Map<String, String> requestHeaders,
                    byte[] requestBody, int status, Function<String, Optional<String>> responseHeader,
                    String responseBody) {
    }

    private OpenApiContract(JsonNode document) {
        this.document = document;
        String text;
        try {
            text = JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
            .metaSchema(OpenApi31.getInstance())
            .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
            .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, text))));
        document.path("paths").properties().forEach(path -> {
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(p -> shared.add(resolve(p)));
            path.getValue().properties().forEach(op -> {
                if (!METHODS.contains(op.getKey())) {
                    return;
                }
                List<JsonNode> parameters = new ArrayList<>(shared);
                op.getValue().path("parameters").forEach(p -> parameters.add(resolve(p)));
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                    template(path.getKey()), op.getValue().path("operationId").asText(),
                    "/paths/" + escape(path.getKey()) + "/" + op.getKey(), op.getValue(), parameters));
            });
        });
    }

    /** The document on the test class path (the extension's jar, as deployed). */
    static OpenApiContract get() {
        OpenApiContract known = instance;
        if (known == null) {
            synchronized (OpenApiContract.class) {
                if (instance == null) {
                    instance = new OpenApiContract(load());
                    OpenApiContract made = instance;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> writeReport(made)));
                }
                known = instance;
            }
        }
        return known;
    }

    private static void writeReport(OpenApiContract contract) {
        if (contract.seen.isEmpty()) {
            return;
        }
        try {
            java.nio.file.Path folder = java.nio.file.Path.of(System.getProperty("student-records.it.work-dir",
                "target/it")).getParent();
            java.nio.file.Files.writeString(folder.resolve("openapi-coverage.txt"), contract.unseenReport());
        } catch (IOException | RuntimeException e) {
            // A report for readers only; the suite's result does not depend on it.
        }
    }

    static JsonNode load() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the class path (the extension's jar)");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Operation> operations() {
        return operations;
    }

    /** Each operation's id with the statuses it answered in this JVM so far. */
    Map<String, Set<Integer>> seen() {
        Map<String, Set<Integer>> copy = new TreeMap<>();
        seen.forEach((id, statuses) -> copy.put(id, new TreeSet<>(statuses)));
        return copy;
    }

    /**
     * Starts recording which operation answered which status, from now on, until {@link #stopRecording}: what one test
     * class called.
     */
    Map<String, Set<Integer>> startRecording() {
        Map<String, Set<Integer>> recording = new ConcurrentHashMap<>();
        recordings.add(recording);
        return recording;
    }

    void stopRecording(Map<String, Set<Integer>> recording) {
        recordings.removeIf(r -> r == recording);
    }

    /**
     * The documented statuses no call of this JVM has answered so far, per operation: written to
     * {@code target/openapi-coverage.txt} when the suite's JVM ends, for a reader who looks for what is not exercised.
     */
    String unseenReport() {
        Map<String, Set<Integer>> answered = seen();
        StringBuilder report = new StringBuilder("Documented statuses no integration test's call answered:\n");
        documented().forEach((id, statuses) -> {
            Set<Integer> missing = new TreeSet<>(statuses);
            missing.removeAll(answered.getOrDefault(id, Set.of()));
            if (!missing.isEmpty()) {
                report.append(id).append(": ").append(missing).append('\n');
            }
        });
        return report.toString();
    }

    /** Each operation's id with the statuses it documents. */
    Map<String, Set<Integer>> documented() {
        Map<String, Set<Integer>> statuses = new TreeMap<>();
        for (Operation op : operations) {
            Set<Integer> codes = new TreeSet<>();
            op.node().path("responses").fieldNames().forEachRemaining(code -> codes.add(Integer.parseInt(code)));
            statuses.put(op.id(), codes);
        }
        return statuses;
    }

    /** The operation of a request, if the document has one. */
    Optional<Operation> operationOf(String method, String path) {
        Operation best = null;
        for (Operation op : operations) {
            if (op.method().equals(method) && op.pattern().matcher(path).matches()
                && (best == null || literalLength(op.path()) > literalLength(best.path()))) {
                best = op;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * What in {@code exchange} the document does not allow; empty when all is as documented. An address the document
     * does not have is allowed only when the server did not serve it either (404 or 405 of Keycloak's own routing).
     */
    List<String> check(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        if (exchange.method().equals("OPTIONS")) {
            // CORS preflights: the document describes them in its introduction, not as operations.
            return problems;
        }
        Optional<Operation> found = operationOf(exchange.method(), exchange.path());
        if (found.isEmpty()) {
            if (exchange.status() != 404 && exchange.status() != 405 && !exchange.path().contains("/centre/")) {
                problems.add("no operation documents " + exchange.method() + " " + exchange.path() + ", yet it answered "
                    + exchange.status());
            }
            return problems;
        }
        Operation op = found.get();
        seen.computeIfAbsent(op.id(), id -> ConcurrentHashMap.newKeySet()).add(exchange.status());
        for (Map<String, Set<Integer>> recording : recordings) {
            recording.computeIfAbsent(op.id(), id -> ConcurrentHashMap.newKeySet()).add(exchange.status());
        }
        String status = String.valueOf(exchange.status());
        JsonNode response = op.node().path("responses").path(status);
        String responsePointer = op.pointer() + "/responses/" + status;
        if (response.isMissingNode()) {
            problems.add(op.id() + " does not document the status " + status);
            return problems;
        }
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = resolve(response);
        }
        checkHeaders(op, response, responsePointer, exchange, problems);
        checkResponseBody(op, response, responsePointer, exchange, problems);
        if (exchange.status() >= 200 && exchange.status() < 300) {
            checkRequest(op, exchange, problems);
        }
        return problems;
    }

    private void checkHeaders(Operation op, JsonNode response, String pointer, Exchange exchange,
                              List<String> problems) {
        response.path("headers").properties().forEach(header -> {
            JsonNode definition = resolve(header.getValue());
            Optional<String> value = exchange.responseHeader().apply(header.getKey());
            if (value.isEmpty()) {
                if (definition.path("required").asBoolean(false)) {
                    problems.add(op.id() + " " + exchange.status() + " lacks the header " + header.getKey());
                }
                return;
            }
            JsonNode schema = resolve(definition.path("schema"));
            JsonNode typed = schema.path("type").asText().equals("integer") && value.get().matches("-?[0-9]+")
                ? JSON.getNodeFactory().numberNode(Long.parseLong(value.get()))
                : JSON.getNodeFactory().textNode(value.get());
            for (String message : validate(headerSchemaPointer(header.getValue(), pointer, header.getKey()), typed)) {
                problems.add(op.id() + " " + exchange.status() + " header " + header.getKey() + ": " + message);
            }
        });
    }

    private void checkResponseBody(Operation op, JsonNode response, String pointer, Exchange exchange,
                                   List<String> problems) {
        JsonNode content = response.path("content");
        String body = exchange.responseBody() == null ? "" : exchange.responseBody();
        if (content.isMissingNode() || content.isEmpty()) {
            return;
        }
        String type = exchange.responseHeader().apply("Content-Type").map(OpenApiContract::mediaType).orElse("");
        if (!content.has(type)) {
            problems.add(op.id() + " " + exchange.status() + " answered the content type '" + type
                + "', documented: " + names(content));
            return;
        }
        if (isJson(type)) {
            validateJson(op.id() + " " + exchange.status() + " body", pointer + "/content/" + escape(type) + "/schema",
                body, problems);
        }
    }

    private void checkRequest(Operation op, Exchange exchange, List<String> problems) {
        Set<String> documentedQuery = new TreeSet<>();
        for (JsonNode parameter : op.parameters()) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            boolean required = parameter.path("required").asBoolean(false);
            if (in.equals("query")) {
                documentedQuery.add(name);
                if (required && !exchange.query().containsKey(name)) {
                    problems.add(op.id() + " was served without its required query parameter " + name);
                }
            } else if (in.equals("header")) {
                boolean present = exchange.requestHeaders().keySet().stream().anyMatch(name::equalsIgnoreCase);
                if (required && !present) {
                    problems.add(op.id() + " was served without its required header " + name);
                }
            }
        }
        for (String name : exchange.query().keySet()) {
            if (!documentedQuery.contains(name)) {
                problems.add(op.id() + " was served with the undocumented query parameter " + name);
            }
        }
        JsonNode requestBody = resolve(op.node().path("requestBody"));
        byte[] body = exchange.requestBody();
        if (requestBody.isMissingNode()) {
            if (body != null && body.length > 0) {
                problems.add(op.id() + " documents no request body, yet one was sent and served");
            }
            return;
        }
        if (body == null || body.length == 0) {
            if (requestBody.path("required").asBoolean(false)) {
                problems.add(op.id() + " requires a request body, yet it was served without one");
            }
            return;
        }
        String type = exchange.requestHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
            .map(h -> mediaType(h.getValue())).findFirst().orElse("");
        if (!requestBody.path("content").has(type)) {
            problems.add(op.id() + " was served a body of the undocumented content type '" + type + "'");
            return;
        }
        if (isJson(type)) {
            validateJson(op.id() + " request body",
                op.pointer() + "/requestBody/content/" + escape(type) + "/schema",
                new String(body, StandardCharsets.UTF_8), problems);
        }
    }

    private void validateJson(String what, String pointer, String text, List<String> problems) {
        JsonNode value;
        try {
            value = JSON.readTree(text);
        } catch (IOException e) {
            problems.add(what + " is not JSON");
            return;
        }
        for (String message : validate(pointer, value)) {
            problems.add(what + ": " + message);
        }
    }

    /** What the schema at {@code pointer} of the document finds wrong with {@code value}. */
    List<String> validate(String pointer, JsonNode value) {
        JsonSchema schema = schemas.computeIfAbsent(pointer, p -> factory.getSchema(
            SchemaLocation.of(BASE + "#" + URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("%2F", "/").replace("%7E", "~")), config));
        List<String> messages = new ArrayList<>();
        for (ValidationMessage message : schema.validate(value)) {
            messages.add(message.getMessage());
        }
        return messages;
    }

    /** The node a {@code $ref} names (within the document), or the node itself. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local references are supported: " + ref);
            }
            current = document.at(URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8));
        }
        return current;
    }

    JsonNode document() {
        return document;
    }

    private String headerSchemaPointer(JsonNode header, String responsePointer, String name) {
        if (header.has("$ref")) {
            return header.get("$ref").asText().substring(1) + "/schema";
        }
        return responsePointer + "/headers/" + escape(name) + "/schema";
    }

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static int literalLength(String path) {
        return path.replaceAll("\\{[^}]*}", "").length();
    }

    /** A path segment as a JSON pointer token. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String type) {
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names.toString();
    }

    /** The query string of a URI as names and values, decoded. */
    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return values;
    }
}
