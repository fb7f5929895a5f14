package edu.studentrecords.keycloak.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import edu.studentrecords.keycloak.rest.StudentRecordsResource;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API's OpenAPI document is valid OpenAPI 3.1 and says what the code does: every JAX-RS route of the resource
 * classes is an operation of the document and every operation a route (so neither can be added without the other),
 * every problem type of the code is in its problem schema, and the realm's addresses are put in when it is served.
 */
class OpenApiDocumentTest {

    private static final List<Class<? extends Annotation>> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class,
            PATCH.class, DELETE.class, HEAD.class);
    /**
     * The routes whose path is a pattern rather than a template: each matches these documented paths ({@code centre/}
     * also serves the app's own routes below it, the same page).
     */
    private static final Map<String, List<String>> PATTERN_ROUTES = Map.of(
            "GET /centre{rest: (/.*)?}", List.of("GET /centre", "GET /centre/", "GET /centre/assets/{}"),
            "GET /api-docs{rest: (/.*)?}", List.of("GET /api-docs", "GET /api-docs/", "GET /api-docs/{}"));

    @Test
    void isValidOpenApi31() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text(), null, options);
        assertThat(result.getMessages()).as("what swagger-parser finds wrong with the document").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void everyRouteOfTheCodeIsAnOperationAndEveryOperationARoute() {
        Set<String> routes = new TreeSet<>();
        collect(StudentRecordsResource.class, "", routes);
        Set<String> expanded = new TreeSet<>();
        for (String route : routes) {
            expanded.addAll(PATTERN_ROUTES.getOrDefault(route, List.of(route)));
        }
        Set<String> operations = new TreeSet<>();
        ApiDocs.loaded().path("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> {
                    if (!method.equals("parameters")) {
                        operations.add(method.toUpperCase() + " " + normalise(path.getKey()));
                    }
                }));
        assertThat(operations).as("operations of the document (left) against routes of the code").isEqualTo(expanded);
        assertThat(routes).as("routes found by reflection").hasSizeGreaterThan(60);
    }

    @Test
    void everyOperationHasAnIdASummaryItsScopesAndNoOtherStatusesThanItsOwn() {
        Set<String> ids = new TreeSet<>();
        ApiDocs.loaded().path("paths").properties().forEach(path -> path.getValue().fields()
                .forEachRemaining(op -> {
                    if (op.getKey().equals("parameters")) {
                        return;
                    }
                    JsonNode node = op.getValue();
                    String where = op.getKey() + " " + path.getKey();
                    assertThat(node.path("operationId").asText()).as("operationId of %s", where).isNotBlank();
                    assertThat(ids.add(node.path("operationId").asText())).as("a unique operationId: %s", where)
                            .isTrue();
                    assertThat(node.path("summary").asText()).as("summary of %s", where).isNotBlank();
                    assertThat(node.has("security")).as("%s says who may call it (security)", where).isTrue();
                    boolean open = node.path("security").isEmpty();
                    if (!open) {
                        assertThat(node.path("responses").has("401")).as("%s documents 401", where).isTrue();
                        assertThat(node.path("responses").has("403")).as("%s documents 403", where).isTrue();
                        assertThat(node.path("responses").has("500")).as("%s documents 500", where).isTrue();
                        // A student's own record, a guardian's child's (the guardian acts for the student), and an
                        // application's own notices of changes need no purpose.
                        boolean selfService = path.getKey().startsWith("/me") || path.getKey().startsWith("/guardian/")
                                || path.getKey().startsWith("/notices");
                        boolean declaresPurpose = false;
                        boolean mayDeclarePurpose = false;
                        for (JsonNode parameter : node.path("parameters")) {
                            declaresPurpose |= parameter.path("$ref").asText().endsWith("/DataPurpose");
                            mayDeclarePurpose |= parameter.path("$ref").asText().endsWith("/OptionalDataPurpose");
                        }
                        assertThat(declaresPurpose).as("%s takes Data-Purpose exactly when it is not /me, /guardian or /notices", where)
                                .isEqualTo(!selfService);
                        // A purpose declared where none is needed is still checked, so the notices say so.
                        assertThat(mayDeclarePurpose).as("%s documents the optional Data-Purpose", where)
                                .isEqualTo(path.getKey().startsWith("/notices"));
                    }
                }));
    }

    @Test
    void theProblemSchemaNamesEveryProblemTypeOfTheCode() {
        Set<String> documented = new TreeSet<>();
        ApiDocs.loaded().at("/components/schemas/Problem/properties/type/enum")
                .forEach(type -> documented.add(type.asText()));
        Set<String> code = Arrays.stream(ProblemType.values()).map(ProblemType::uri)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(code);
    }

    @Test
    void everyReferenceLeadsSomewhere() {
        JsonNode document = ApiDocs.loaded();
        Iterator<JsonNode> nodes = walk(document).iterator();
        while (nodes.hasNext()) {
            JsonNode node = nodes.next();
            if (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                assertThat(ref).startsWith("#/");
                assertThat(document.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
            }
        }
    }

    private static List<JsonNode> walk(JsonNode node) {
        List<JsonNode> all = new java.util.ArrayList<>();
        all.add(node);
        node.elements().forEachRemaining(child -> all.addAll(walk(child)));
        return all;
    }

    /** Every route below {@code prefix} of a resource class: resource methods and the routes of sub-resource locators. */
    private static void collect(Class<?> resource, String prefix, Set<String> routes) {
        for (Method method : resource.getMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Path path = method.getAnnotation(Path.class);
            String full = path == null ? prefix : join(prefix, path.value());
            if (method.isAnnotationPresent(OPTIONS.class)) {
                continue; // CORS preflights: described in the document's introduction, not as operations.
            }
            List<String> verbs = HTTP_METHODS.stream().filter(method::isAnnotationPresent)
                    .map(a -> a.getSimpleName()).toList();
            if (!verbs.isEmpty()) {
                verbs.forEach(verb -> routes.add(verb + " " + normalise(full.isEmpty() ? "/" : full)));
            } else if (path != null) {
                collect(method.getReturnType(), full, routes);
            }
        }
    }

    private static String join(String prefix, String path) {
        String tail = path.startsWith("/") ? path : "/" + path;
        return prefix + (tail.endsWith("/") && tail.length() > 1 ? tail.substring(0, tail.length() - 1) : tail);
    }

    /** A path with every simple parameter as {@code {}}: templates of the code and of the document alike. */
    private static String normalise(String path) {
        return path.replaceAll("\\{[A-Za-z]+}", "{}");
    }

    private static String text() throws IOException {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(ApiDocs.DOCUMENT)) {
            assertThat(in).as(ApiDocs.DOCUMENT).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
