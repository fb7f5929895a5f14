package edu.studentrecords.keycloak.rest.guardians;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.CollectionResource;
import edu.studentrecords.keycloak.rest.RequestContext;
import edu.studentrecords.keycloak.rest.RequestPipeline;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.guardians.GuardianAccount;
import edu.studentrecords.store.guardians.GuardianLink;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * {@code /records/{id}/guardian-links}: the centre links a guardian account to a guardian entry of a minor's record,
 * lists the record's links and ends one. The store decides (duty {@code MANAGE_GUARDIANS}) and audits each call.
 */
public final class GuardianLinksResource extends CollectionResource {

    private final String recordId;

    public GuardianLinksResource(RequestPipeline pipeline, String recordId) {
        super(pipeline);
        this.recordId = recordId;
    }

    /** Links {@code {"guardianIndex","username"}}: 201 with the link and its {@code Location}. */
    @POST
    public Response link(InputStream body) {
        return pipeline.run(AuditOperation.GUARDIAN_LINK, request -> {
            GuardianLinkRepresentation.Request asked = request.readJson(body, GuardianLinkRepresentation.Request.class);
            GuardianLink link = request.store().guardians().link(request.access(), recordId,
                    asked.guardianIndex() == null ? -1 : asked.guardianIndex(), account(request, asked.username()));
            return json(Response.created(request.locationBelow(link.id())), GuardianLinkRepresentation.of(link));
        });
    }

    /** The record's links, oldest first. */
    @GET
    public Response list() {
        return pipeline.run(AuditOperation.GUARDIAN_LINK_LIST, request -> json(Response.ok(),
                new GuardianLinkRepresentation.Listing(request.store().guardians().links(request.access(), recordId)
                        .stream().map(GuardianLinkRepresentation::of).toList())));
    }

    /** Ends a link: 200 with the link that ended. */
    @DELETE
    @Path("{linkId}")
    public Response unlink(@PathParam("linkId") String linkId) {
        return pipeline.run(AuditOperation.GUARDIAN_UNLINK, request -> json(Response.ok(),
                GuardianLinkRepresentation.of(request.store().guardians().unlink(request.access(), recordId, linkId))));
    }

    /** The account {@code username} names in the realm, as the store judges it (none, a guardian or not). */
    static GuardianAccount account(RequestContext request, String username) {
        UserModel user = username == null || username.isBlank() ? null
                : request.session().users().getUserByUsername(request.realm(), username);
        if (user == null || user.getServiceAccountClientLink() != null) {
            return new GuardianAccount(null, username, false);
        }
        RoleModel guardian = request.realm().getRole(RealmRole.GUARDIAN.roleName());
        return new GuardianAccount(user.getId(), user.getUsername(), guardian != null && user.hasRole(guardian));
    }
}
