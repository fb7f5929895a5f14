package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.RequestParameters.DEFAULT_LOG_PAGE;
import static edu.studentrecords.keycloak.rest.RequestParameters.MAX_LOG_PAGE;
import static edu.studentrecords.keycloak.rest.RequestParameters.integer;
import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.mail.GrantNotices;
import edu.studentrecords.keycloak.rest.representation.AccessLogRepresentation;
import edu.studentrecords.keycloak.rest.representation.GrantRepresentation;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.keycloak.settings.ConsentPurposesSetting;
import edu.studentrecords.store.consent.ConsentPurpose;
import edu.studentrecords.store.grants.GrantRequest;
import edu.studentrecords.store.grants.StoredGrant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.stream.Collectors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * {@code /grants}: access grants for outside bodies (administrators, {@code student.admin}): request one with the
 * signed agreement, a second administrator approves it (the covered students are told by email), revoke it, read its
 * agreement file and its history.
 */
public final class GrantsResource extends CollectionResource {

    GrantsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** Every access grant of the realm, newest first (administrators). */
    @GET
    public Response list() {
        return pipeline.run(AuditOperation.GRANT_LIST, request -> {
            Instant now = request.now();
            List<Map<String, Object>> grants = request.store().grants().list(request.access()).stream()
                    .map(g -> GrantRepresentation.of(g, now)).toList();
            return json(Response.ok(), Map.of("grants", grants));
        });
    }

    /** Requests a grant for an outside body, with the signed agreement; a second administrator approves it. */
    @POST
    public Response requestGrant(InputStream body) {
        return pipeline.run(AuditOperation.GRANT_REQUEST, request -> {
            GrantRequest asked = request.readJson(body, GrantRepresentation.Request.class).toRequest(
                    ConsentPurposesSetting.of(request.realm()).stream().map(ConsentPurpose::id)
                            .collect(Collectors.toSet()));
            RealmModel realm = request.realm();
            StoredGrant stored = request.store().grants().request(request.access(), asked,
                    clientId -> isExternal(realm, clientId));
            return json(Response.created(request.locationBelow(stored.grant().id())),
                    GrantRepresentation.of(stored, request.now()));
        });
    }

    /** One grant. */
    @GET
    @Path("{id}")
    public Response read(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.GRANT_READ, request -> json(Response.ok(),
                GrantRepresentation.of(request.store().grants().get(request.access(), id), request.now())));
    }

    /** Approves a grant; the approver must not be its requester. */
    @POST
    @Path("{id}/approve")
    public Response approve(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.GRANT_APPROVE, request -> {
            StoredGrant approved = request.store().grants().approve(request.access(), id);
            GrantNotices.afterCommit(request.session(), approved.grant());
            return json(Response.ok(), GrantRepresentation.of(approved, request.now()));
        });
    }

    /** Revokes a grant: it opens nothing from the next request on. */
    @POST
    @Path("{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.GRANT_REVOKE, request -> json(Response.ok(),
                GrantRepresentation.of(request.store().grants().revoke(request.access(), id), request.now())));
    }

    /** The signed agreement file of a grant, as uploaded: an attachment ({@link GrantRepresentation#agreementFile}). */
    @GET
    @Path("{id}/agreement")
    public Response agreement(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.GRANT_AGREEMENT, request -> GrantRepresentation.agreementFile(
                request.store().grants().agreement(request.access(), id)));
    }

    /** The grant's history: request, approval, revocation and every access it opened, newest first. */
    @GET
    @Path("{id}/uses")
    public Response uses(@PathParam("id") String id, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return pipeline.run(AuditOperation.GRANT_HISTORY, request -> {
            int skip = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
            int page = integer("limit", limit, DEFAULT_LOG_PAGE, 1, MAX_LOG_PAGE);
            List<AuditEntry> entries = request.store().grants().history(request.access(), id, skip, page);
            return json(Response.ok(), AccessLogRepresentation.of(entries, skip, page));
        });
    }

    private static boolean isExternal(RealmModel realm, String clientId) {
        ClientModel client = realm.getClientByClientId(clientId);
        return client != null
                && ClientTrust.fromAttribute(client.getAttribute(ClientTrust.ATTRIBUTE)) == ClientTrust.EXTERNAL;
    }
}
