package edu.studentrecords.keycloak.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import edu.studentrecords.keycloak.centre.CentrePages;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The API's OpenAPI document ({@value #DOCUMENT}, the contract the tests hold the code to) and the page that renders it
 * for people with Swagger UI. The document is served as JSON with the realm's own addresses (its server, and the
 * realm's authorization and token endpoints); the page is written here, like the centre's, with its configuration
 * as a JSON data block and under the centre's Content-Security-Policy. Swagger UI's files come from the themes jar
 * ({@code student-records-api-docs/}), the page's own script from this jar; no other file is served.
 */
public final class ApiDocs {

    /** The document, a resource of this jar. */
    public static final String DOCUMENT = "edu/studentrecords/keycloak/apidocs/student-records.yaml";
    /** The path of the rendered page below {@code /realms/{realm}/student-records/}. */
    public static final String PATH = "api-docs";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THEMES = "student-records-api-docs/";
    private static final String SCRIPT = "api-docs.js";
    /** Every file of the page, by the name it is asked for: where it lives and its content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "swagger-ui-bundle.js", new String[] {THEMES + "swagger-ui-bundle.js", "text/javascript; charset=UTF-8"},
            "swagger-ui.css", new String[] {THEMES + "swagger-ui.css", "text/css; charset=UTF-8"},
            SCRIPT, new String[] {"edu/studentrecords/keycloak/apidocs/" + SCRIPT, "text/javascript; charset=UTF-8"});

    private static volatile JsonNode document;

    private ApiDocs() {
    }

    /** The document as JSON, its server and OAuth addresses those of the requested realm. */
    public static Response document(KeycloakSession session) {
        ObjectNode body = loaded().deepCopy();
        String realmBase = realmBase(session);
        ObjectNode server = JSON.createObjectNode();
        server.put("url", realmBase + "/student-records");
        server.put("description", "The realm " + session.getContext().getRealm().getName());
        body.putArray("servers").add(server);
        JsonNode flows = body.path("components").path("securitySchemes").path("campusToken").path("flows");
        flows.forEach(flow -> {
            ObjectNode object = (ObjectNode) flow;
            if (object.has("authorizationUrl")) {
                object.put("authorizationUrl", realmBase + "/protocol/openid-connect/auth");
            }
            object.put("tokenUrl", realmBase + "/protocol/openid-connect/token");
        });
        try {
            return Response.ok(JSON.writeValueAsString(body), "application/json; charset=UTF-8")
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as its YAML source reads, parsed once. */
    public static JsonNode loaded() {
        JsonNode known = document;
        if (known == null) {
            try (InputStream in = resource(DOCUMENT)) {
                if (in == null) {
                    throw new IllegalStateException(DOCUMENT + " is missing from the extension jar");
                }
                known = YAML.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            document = known;
        }
        return known;
    }

    /**
     * Answers one request below {@code api-docs}: {@code rest} is what follows it ({@code ""}, {@code "/"},
     * {@code "/swagger-ui.css"}).
     */
    public static Response page(KeycloakSession session, String rest) {
        CentrePages.ownSecurityHeaders(session);
        String base = URI.create(realmBase(session)).getRawPath() + "/student-records";
        if (!session.getContext().getUri().getRequestUri().getRawPath().endsWith("/")
                && (rest == null || rest.isEmpty())) {
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(base + "/" + PATH + "/"))
                    .build();
        }
        // The server drops a trailing slash before matching: api-docs/ comes as "" too.
        if (rest == null || rest.isEmpty() || rest.equals("/")) {
            return index(base);
        }
        String[] file = FILES.get(rest.substring(1));
        return file == null ? notFound() : file(file[0], file[1]);
    }

    private static Response index(String base) {
        if (resource(THEMES + "swagger-ui-bundle.js") == null) {
            return Problem.of(ProblemType.NOT_FOUND,
                    "The API's pages are not installed: deploy the themes jar beside the extension.").toResponse()
                    .build();
        }
        String here = base + "/" + PATH + "/";
        String html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<title>Student records API</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + attribute(here + "swagger-ui.css") + "\">\n"
                + "<script src=\"" + attribute(here + "swagger-ui-bundle.js") + "\" defer></script>\n"
                + "<script src=\"" + attribute(here + SCRIPT) + "\" defer></script>\n"
                + "</head>\n<body>\n<div id=\"swagger-ui\"></div>\n"
                + "<script id=\"api-docs-config\" type=\"application/json\">"
                + CentrePages.scriptSafeJson(Map.of("documentUrl", base + "/openapi.json")) + "</script>\n"
                + "</body>\n</html>\n";
        return CentrePages.pageHeaders(Response.ok(html, "text/html; charset=UTF-8")).build();
    }

    private static Response file(String path, String type) {
        InputStream in = resource(path);
        if (in == null) {
            return notFound();
        }
        try (in) {
            // Swagger UI's files change with the themes jar under the same names: a browser checks again after a day.
            return Response.ok(in.readAllBytes(), type)
                    .header("Cache-Control", "public, max-age=86400")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {server}/realms/{realm}} of the request. */
    private static String realmBase(KeycloakSession session) {
        String server = session.getContext().getUri().getBaseUri().toString();
        if (server.endsWith("/")) {
            server = server.substring(0, server.length() - 1);
        }
        RealmModel realm = session.getContext().getRealm();
        return server + "/realms/" + URLEncoder.encode(realm.getName(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A resource of the extension or the themes jar, asked of the context class loader first (as the centre does). */
    private static InputStream resource(String path) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(path);
        return in != null ? in : ApiDocs.class.getClassLoader().getResourceAsStream(path);
    }

    private static Response notFound() {
        return Problem.of(ProblemType.NOT_FOUND, "No such file of the API's pages.").toResponse()
                .header("Cache-Control", "no-store").build();
    }

    private static String attribute(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
