package edu.studentrecords.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The checker every integration test's calls go through ({@link OpenApiContract}), without a server: every schema of
 * the document compiles (JSON Schema 2020-12 in OpenAPI 3.1's dialect), every example in the document is valid
 * against its schema, and an exchange with an undocumented status, field, header or content type is refused.
 */
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.get();
    private static final String PROBLEM = "application/problem+json";

    @Test
    void everySchemaCompilesAndEveryExampleIsValid() {
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        examples(CONTRACT.document(), "", problems, checked);
        CONTRACT.document().path("components").path("schemas").properties().forEach(schema ->
            CONTRACT.validate("/components/schemas/" + schema.getKey(), com.fasterxml.jackson.databind.node.NullNode.getInstance()));
        assertThat(problems).as("examples that their schema refuses").isEmpty();
        assertThat(checked[0]).as("examples checked").isGreaterThan(15);
    }

    @Test
    void everyOperationIsFoundByItsOwnPath() {
        for (OpenApiContract.Operation op : CONTRACT.operations()) {
            String path = op.path().replaceAll("\\{[^}]+}", "x1");
            assertThat(CONTRACT.operationOf(op.method(), path)).as("%s %s", op.method(), path).map(o -> o.id())
                .contains(op.id());
        }
        assertThat(CONTRACT.operationOf("POST", "/records:import")).map(o -> o.id()).contains("importRecords");
        assertThat(CONTRACT.operationOf("DELETE", "/records/x1")).isEmpty();
    }

    @Test
    void aDocumentedAnswerPasses() {
        assertThat(CONTRACT.check(exchange("GET", "/records/r1", 200, "application/json;charset=UTF-8",
            "{\"id\":\"r1\",\"version\":3,\"groups\":[\"profile\"],\"profile\":{\"studentNumber\":\"IT0001\","
                + "\"name\":\"Li Hua\",\"gender\":\"FEMALE\",\"status\":\"ENROLLED\",\"unit\":\"science/physics\","
                + "\"enrolmentDate\":\"2024-09-01\",\"leavingDate\":null},\"updatedAt\":\"2026-03-01T08:30:00Z\"}",
            Map.of("ETag", "\"3\"")))).isEmpty();
        assertThat(CONTRACT.check(exchange("GET", "/records/r1", 404, PROBLEM,
            "{\"type\":\"https://student-records.example/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"No record the caller may see has this id or key.\"}", Map.of()))).isEmpty();
    }

    @Test
    void anUndocumentedFieldStatusHeaderOrTypeIsRefused() {
        String problem = "{\"type\":\"https://student-records.example/problems/not-found\",\"title\":\"Not found\","
            + "\"status\":404,\"detail\":\"x\"%s}";
        assertThat(CONTRACT.check(exchange("GET", "/records/r1", 404, PROBLEM, problem.formatted(",\"stack\":\"x\""),
            Map.of()))).singleElement().asString().contains("stack");
        assertThat(CONTRACT.check(exchange("GET", "/records/r1", 409, PROBLEM, problem.formatted(""), Map.of())))
            .singleElement().asString().contains("does not document the status 409");
        assertThat(CONTRACT.check(exchange("GET", "/records/r1", 404, "text/html", "<p>", Map.of())))
            .singleElement().asString().contains("content type");
        assertThat(CONTRACT.check(exchange("GET", "/records/r1", 200, "application/json",
            "{\"id\":\"r1\",\"version\":3,\"groups\":[]}", Map.of()))).singleElement().asString().contains("ETag");
        assertThat(CONTRACT.check(exchange("GET", "/records/r1", 200, "application/json",
            "{\"id\":\"r1\",\"version\":3,\"groups\":[],\"secret\":1}", Map.of("ETag", "\"3\""))))
            .singleElement().asString().contains("secret");
        assertThat(CONTRACT.check(new OpenApiContract.Exchange("GET", "/nothing/here", Map.of(), Map.of(), null, 200,
            name -> Optional.empty(), ""))).singleElement().asString().contains("no operation documents");
    }

    @Test
    void aServedRequestIsHeldToTheDocumentToo() {
        String record = "{\"id\":\"r1\",\"version\":4,\"groups\":[\"contact\"],\"contact\":{\"mobilePhone\":"
            + "\"+8613912345678\",\"email\":null,\"homeAddress\":\"x\"}}";
        OpenApiContract.Exchange withoutPurpose = new OpenApiContract.Exchange("PATCH", "/records/r1", Map.of(),
            Map.of("If-Match", "\"3\"", "Content-Type", "application/merge-patch+json"),
            "{\"contact\":{\"mobilePhone\":\"+8613912345678\"}}".getBytes(StandardCharsets.UTF_8), 200,
            headers(Map.of("Content-Type", "application/json", "ETag", "\"4\"")), record);
        assertThat(CONTRACT.check(withoutPurpose)).singleElement().asString().contains("Data-Purpose");
        OpenApiContract.Exchange unknownField = new OpenApiContract.Exchange("PATCH", "/records/r1", Map.of(),
            Map.of("If-Match", "\"3\"", "Content-Type", "application/merge-patch+json", "Data-Purpose", "teaching"),
            "{\"contact\":{\"phone\":\"+8613912345678\"}}".getBytes(StandardCharsets.UTF_8), 200,
            headers(Map.of("Content-Type", "application/json", "ETag", "\"4\"")), record);
        assertThat(CONTRACT.check(unknownField)).singleElement().asString().contains("phone");
        OpenApiContract.Exchange unknownQuery = new OpenApiContract.Exchange("GET", "/records",
            Map.of("studentNumber", List.of("IT0001"), "groups", List.of("all")), Map.of("Data-Purpose", "teaching"),
            null, 404, headers(Map.of("Content-Type", PROBLEM)), "{\"type\":"
            + "\"https://student-records.example/problems/not-found\",\"title\":\"t\",\"status\":404,\"detail\":\"d\"}");
        assertThat(CONTRACT.check(unknownQuery)).as("only a served request is held to the document").isEmpty();
    }

    private static OpenApiContract.Exchange exchange(String method, String path, int status, String type, String body,
                                                     Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", type);
        all.put("Cache-Control", "no-store");
        return new OpenApiContract.Exchange(method, path, Map.of(), Map.of("Data-Purpose", "teaching"), null, status,
            headers(all), body);
    }

    private static java.util.function.Function<String, Optional<String>> headers(Map<String, String> values) {
        Map<String, String> all = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(values);
        all.putIfAbsent("Cache-Control", "no-store");
        return name -> Optional.ofNullable(all.get(name));
    }

    /** Checks every example below {@code node}: of a media type, parameter or header against its schema, of a schema against itself. */
    private static void examples(JsonNode node, String pointer, List<String> problems, int[] checked) {
        if (!node.isObject() && !node.isArray()) {
            return;
        }
        if (node.isObject()) {
            boolean hasSchema = node.has("schema") && !pointer.endsWith("/properties");
            if (hasSchema && node.has("example")) {
                check(pointer + "/schema", node.get("example"), pointer + "/example", problems, checked);
            }
            if (hasSchema && node.path("examples").isObject()) {
                node.get("examples").properties().forEach(e -> check(pointer + "/schema", e.getValue().path("value"),
                    pointer + "/examples/" + e.getKey(), problems, checked));
            }
            boolean isSchema = !hasSchema && !pointer.endsWith("/properties") && (node.has("type") || node.has("$ref")
                || node.has("properties") || node.has("oneOf") || node.has("enum"));
            if (isSchema && node.has("example") && !node.has("in")) {
                check(pointer, node.get("example"), pointer + "/example", problems, checked);
            }
            node.properties().forEach(child -> {
                if (!child.getKey().equals("example") && !child.getKey().equals("examples")) {
                    examples(child.getValue(), pointer + "/" + OpenApiContract.escape(child.getKey()), problems,
                        checked);
                }
            });
        } else {
            for (int i = 0; i < node.size(); i++) {
                examples(node.get(i), pointer + "/" + i, problems, checked);
            }
        }
    }

    private static void check(String schemaPointer, JsonNode example, String where, List<String> problems,
                              int[] checked) {
        checked[0]++;
        for (String message : CONTRACT.validate(schemaPointer, example)) {
            problems.add(where + ": " + message);
        }
    }
}
