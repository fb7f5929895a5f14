package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.rest.problem.ProblemTexts;
import com.fasterxml.jackson.core.JsonProcessingException;
import edu.studentrecords.keycloak.auth.Caller;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One API request once its caller is known: the Keycloak session and realm, the caller and the access context the
 * store decides on, the realm's record store and search index, and what the request says in its headers and address.
 * {@link RequestPipeline} makes one per request, after authentication, and hands it to the endpoint, so that the
 * collections' resources hold nothing of a request themselves. Lives as long as its request, on its thread.
 */
public final class RequestContext {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;

    RequestContext(KeycloakSession session, Caller caller) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.caller = caller;
    }

    /** The texts of problems in the language the request asks for ({@code Accept-Language}). */
    public ProblemTexts problemTexts() {
        return ProblemTexts.forLanguages(session.getContext().getRequestHeaders().getAcceptableLanguages());
    }

    /** The request's Keycloak session. */
    public KeycloakSession session() {
        return session;
    }

    /** The realm the request addresses. */
    public RealmModel realm() {
        return realm;
    }

    /** The caller's access context: every call to the store passes it, and the store decides and audits on it. */
    public AccessContext access() {
        return caller.context();
    }

    /** The instant of the request, as the access context holds it (Keycloak's clock, which tests may shift). */
    public Instant now() {
        return caller.context().now();
    }

    /** The student-records provider of the session. */
    StudentRecordsProvider provider() {
        return session.getProvider(StudentRecordsProvider.class);
    }

    /** The realm's record store. */
    public StudentRecords store() {
        return provider().store(realm);
    }

    /** The realm's search index on this node; searched only through {@code store().search(...)}. */
    StudentSearchIndex index() {
        return provider().index(realm);
    }

    /** A request header, or null. */
    public String header(String name) {
        return session.getContext().getRequestHeaders().getHeaderString(name);
    }

    /** The content type of the request's body, or null when there is none or it cannot be read. */
    MediaType contentType() {
        try {
            return session.getContext().getRequestHeaders().getMediaType();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** The version the {@code If-Match} header names: 428 without it, 412 when it cannot name a version. */
    public long ifMatchVersion() {
        return RequestParameters.ifMatchVersion(header(HttpHeaders.IF_MATCH));
    }

    /** Refuses (415) a body of another content type than {@code expected}. */
    public void requireContentType(String expected) {
        RequestParameters.requireContentType(contentType(), expected);
    }

    /**
     * The body read as {@code type}, after checking it is JSON (415) and present (400): strict JSON in UTF-8
     * ({@link JsonBodies}), at most {@link JsonBodies#MAX_BODY_BYTES} (413).
     */
    public <T> T readJson(InputStream body, Class<T> type) throws JsonProcessingException {
        return JsonBodies.read(readText(body, MediaType.APPLICATION_JSON), type);
    }

    /**
     * The body as text, after checking it is of {@code expected} type (415) and present (400): UTF-8 (400 otherwise),
     * at most {@link JsonBodies#MAX_BODY_BYTES} (413); a JSON merge patch is handed to the store as such.
     */
    public String readText(InputStream body, String expected) {
        requireContentType(expected);
        return RequestParameters.requireBody(JsonBodies.text(JsonBodies.bytes(body)));
    }

    /** The address of {@code id} below the requested one, for the {@code Location} of a 201. */
    public URI locationBelow(String id) {
        return session.getContext().getUri().getAbsolutePathBuilder().path(id).build();
    }

    /** The address of a path below the API's root, {@code /realms/{realm}/student-records/...}. */
    public URI apiLocation(String... segments) {
        var builder = session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path(StudentRecordsResourceProviderFactory.ID);
        for (String segment : segments) {
            builder.path(segment);
        }
        return builder.build();
    }
}
