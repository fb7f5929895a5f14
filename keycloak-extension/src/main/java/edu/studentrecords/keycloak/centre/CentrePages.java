package edu.studentrecords.keycloak.centre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.store.access.AccessContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The information management centre's screens: a React app built into the themes jar under
 * {@code student-records-centre/}, served at {@code /realms/{realm}/student-records/centre/}. The page itself is
 * written here from the build's manifest, with the realm's configuration as a JSON data block (no inline script),
 * under a Content-Security-Policy that allows scripts, styles and connections to this server only. Assets are
 * looked up by a plain file name in one folder, so no request can name another resource of the class path.
 */
public final class CentrePages {

    /** The public PKCE client the centre signs in with. */
    public static final String CLIENT_ID = "student-records-centre";
    /** The scopes the centre asks for (optional scopes of its client); a user gets what their roles allow. */
    static final String SCOPE = "openid student.admin student.audit student.purge student.search student.profile.read "
            + "student.profile.write student.identity.read student.identity.write";
    /** The path of the centre below {@code /realms/{realm}/student-records/}. */
    public static final String PATH = "centre";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";
    /** Hashed file names never change content, so a browser may keep them for a year. */
    static final String ASSET_CACHING = "public, max-age=31536000, immutable";
    /** The icon keeps its name across versions: a day. */
    static final String ICON_CACHING = "public, max-age=86400";
    private static final String ICON = "favicon.svg";

    private static final String ROOT = "student-records-centre/";
    private static final String ENTRY = "src/main.tsx";
    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "woff2", "font/woff2",
            "woff", "font/woff",
            "ttf", "font/ttf",
            "svg", "image/svg+xml",
            "png", "image/png",
            "jpg", "image/jpeg",
            "ico", "image/x-icon");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The entry script and its style sheets, read once from the build's manifest. */
    private static volatile Entry entry;

    private CentrePages() {
    }

    /** The files the page loads, relative to the assets folder's parent. */
    record Entry(String script, List<String> styles) {
    }

    /**
     * Answers one request below {@code centre}: {@code rest} is what follows it ({@code ""}, {@code "/"},
     * {@code "/grants"}, {@code "/assets/main-1a2b.js"}).
     */
    public static Response serve(KeycloakSession session, String rest) {
        ownSecurityHeaders(session);
        RealmModel realm = session.getContext().getRealm();
        URI base = session.getContext().getUri().getBaseUri();
        String server = stripSlash(base.toString());
        String basePath = stripSlash(base.getRawPath()) + "/realms/" + encode(realm.getName()) + "/student-records/"
                + PATH;
        // The server drops a trailing slash before matching, so the request's own path tells centre from centre/.
        if (!session.getContext().getUri().getRequestUri().getRawPath().endsWith("/")
                && (rest == null || rest.isEmpty())) {
            // The app's addresses all sit below centre/: send the bare path there.
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(basePath + "/")).build();
        }
        if (rest.startsWith("/assets/")) {
            return asset(rest.substring("/assets/".length()));
        }
        if (rest.equals("/" + ICON) || rest.equals("/favicon.ico")) {
            return icon();
        }
        return index(server, basePath, realm.getName(), clientPurposes(realm));
    }

    /**
     * The purposes the centre's client may declare (its attribute {@code student-records.purposes}, comma-separated),
     * which the screens offer where an administrator chooses why they act; the API decides every call all the same.
     */
    static String clientPurposes(RealmModel realm) {
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        String purposes = client == null ? null : client.getAttribute(AccessContext.CLIENT_PURPOSES_ATTRIBUTE);
        return purposes == null ? "" : purposes;
    }

    /**
     * The realm's default browser security headers (a looser frame policy, no script policy) would replace the
     * centre's own: the centre sets all of them itself.
     */
    public static void ownSecurityHeaders(KeycloakSession session) {
        SecurityHeadersProvider headers = session.getProvider(SecurityHeadersProvider.class);
        if (headers != null) {
            headers.options().skipHeaders();
        }
    }

    private static Response index(String server, String basePath, String realm, String purposes) {
        Optional<Entry> built = entry();
        if (built.isEmpty()) {
            return Problem.of(ProblemType.NOT_FOUND,
                    "The centre's screens are not installed: deploy the themes jar beside the extension.").toResponse()
                    .header("Cache-Control", "no-store").build();
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("serverUrl", server);
        config.put("realm", realm);
        config.put("clientId", CLIENT_ID);
        config.put("basePath", basePath);
        config.put("scope", SCOPE);
        config.put("purposes", purposes);
        StringBuilder html = new StringBuilder(1024);
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>Information management centre · 信息管理中心</title>\n")
                .append("<link rel=\"icon\" type=\"image/svg+xml\" href=\"").append(attribute(basePath + "/" + ICON))
                .append("\">\n");
        for (String style : built.get().styles()) {
            html.append("<link rel=\"stylesheet\" href=\"").append(attribute(basePath + "/" + style)).append("\">\n");
        }
        html.append("<script type=\"module\" src=\"").append(attribute(basePath + "/" + built.get().script()))
                .append("\"></script>\n</head>\n<body>\n<div id=\"app\"></div>\n")
                .append("<script id=\"centre-config\" type=\"application/json\">").append(scriptSafeJson(config))
                .append("</script>\n</body>\n</html>\n");
        return pageHeaders(Response.ok(html.toString(), "text/html; charset=UTF-8")).build();
    }

    /**
     * The headers of a page the extension serves (the centre's, the API's documentation): not kept, the strict
     * Content-Security-Policy, no sniffing, no referrer, no framing, no indexing.
     */
    public static Response.ResponseBuilder pageHeaders(Response.ResponseBuilder page) {
        return page.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("X-Robots-Tag", "none");
    }

    /** One built file by its plain name; anything else, or an unknown kind of file, is 404. */
    static Response asset(String name) {
        String type = contentType(name);
        return type == null ? notFound() : file(ROOT + "assets/" + name, type, ASSET_CACHING);
    }

    /**
     * The product's icon (Keycloak's), an SVG: at {@code centre/favicon.svg}, which the page links, and at the
     * {@code favicon.ico} addresses a browser or a bookmark asks for by habit (the centre's and the API's), so none
     * of them is a 404.
     */
    public static Response icon() {
        return file(ROOT + ICON, TYPES.get("svg"), ICON_CACHING);
    }

    private static Response file(String path, String type, String caching) {
        InputStream in = resource(path);
        if (in == null) {
            return notFound();
        }
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(bytes, type)
                .header("Cache-Control", caching)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** The content type of an asset name the centre may serve, or null for a name that is not one. */
    static String contentType(String name) {
        if (name == null || name.length() > 200 || !ASSET_NAME.matcher(name).matches()) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** A JSON object that cannot end the script element it sits in, nor open a comment there. */
    public static String scriptSafeJson(Map<String, String> values) {
        return JsonBodies.write(values).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static Optional<Entry> entry() {
        Entry known = entry;
        if (known != null) {
            return Optional.of(known);
        }
        InputStream in = resource(ROOT + ".vite/manifest.json");
        if (in == null) {
            return Optional.empty();
        }
        try (in) {
            JsonNode main = MAPPER.readTree(in).path(ENTRY);
            List<String> styles = new ArrayList<>();
            main.path("css").forEach(css -> styles.add(css.asText()));
            known = new Entry(main.path("file").asText(), List.copyOf(styles));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entry = known;
        return Optional.of(known);
    }

    /**
     * A resource of the themes jar. Keycloak puts every jar of {@code providers/} on one class path, so the
     * extension's own class loader sees it; the context class loader is asked first, as Keycloak's theme lookup does.
     */
    private static InputStream resource(String path) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(path);
        return in != null ? in : CentrePages.class.getClassLoader().getResourceAsStream(path);
    }

    private static Response notFound() {
        return Problem.of(ProblemType.NOT_FOUND, "No such file of the centre.").toResponse()
                .header("Cache-Control", "no-store").build();
    }

    private static String stripSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String attribute(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
