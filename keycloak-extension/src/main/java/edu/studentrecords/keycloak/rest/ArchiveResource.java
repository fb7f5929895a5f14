package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.StudentRecordStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/** {@code /records/{id}/archive}: the record's sealed archive and its re-verification (administrators). */
public final class ArchiveResource {

    private final KeycloakSession session;
    private final RetentionCalls calls;
    private final String recordId;

    ArchiveResource(KeycloakSession session, StudentRecordsResource api, String recordId) {
        this.session = session;
        this.calls = new RetentionCalls(api);
        this.recordId = recordId;
    }

    @GET
    public Response summary() {
        return calls.handle(caller -> RetentionCalls.json(Response.ok(),
                RetentionRepresentation.Archive.of(store().retention().archive(caller.context(), recordId))));
    }

    /** Recomputes the SHA-256 of the sealed bytes: {@code {"sha256","intact"}}. */
    @POST
    @Path("verify")
    public Response verify() {
        return calls.handle(caller -> RetentionCalls.json(Response.ok(),
                store().retention().verifyArchive(caller.context(), recordId)));
    }

    /** Preflight for every path below this one. */
    @OPTIONS
    @Path("{any: .*}")
    public Response preflight() {
        return CorsPolicy.preflight(session);
    }

    private StudentRecordStore store() {
        return session.getProvider(StudentRecordsProvider.class).store(session.getContext().getRealm());
    }
}
