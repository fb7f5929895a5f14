package edu.studentrecords.keycloak.rest.people;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.CollectionResource;
import edu.studentrecords.keycloak.rest.RequestPipeline;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.people.PeopleDirectory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * {@code /people}: the names of the realm's people for the centre's screens, which show requesters, approvers,
 * assignees and the actors of findings by username and name rather than by id. Administrators and supervision only;
 * the username, first and last name of each, nothing else; ids of no person of the realm (or of a client's service
 * account) are left out. The store decides and audits every call once ({@code PEOPLE_LOOKUP}).
 */
public final class PeopleResource extends CollectionResource {

    /** The realm roles whose holders may be assigned a misuse report (as {@code POST /reports/{id}/triage} checks). */
    private static final List<RealmRole> ASSIGNABLE_ROLES = List.of(RealmRole.ADMIN, RealmRole.SUPERVISOR);

    public PeopleResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** The people of the ids asked ({@code ?id=…&id=…}, 1 to 100), in the order asked, each once. */
    @GET
    public Response named(@QueryParam("id") List<String> ids) {
        return pipeline.run(AuditOperation.PEOPLE_LOOKUP, request -> {
            List<String> asked = List.copyOf(new LinkedHashSet<>(ids == null ? List.of() : ids));
            KeycloakSession session = request.session();
            RealmModel realm = request.realm();
            List<Map<String, Object>> people = request.store().people().named(request.access(), asked,
                    wanted -> wanted.stream().map(id -> session.users().getUserById(realm, id))
                            .filter(PeopleResource::isPerson).map(PeopleResource::person).toList());
            return json(Response.ok(), Map.of("people", people));
        });
    }

    /** The administrators and supervisors of the realm, who may be assigned a misuse report, by username. */
    @GET
    @Path("assignees")
    public Response assignees() {
        return pipeline.run(AuditOperation.PEOPLE_LOOKUP, request -> {
            KeycloakSession session = request.session();
            RealmModel realm = request.realm();
            List<Map<String, Object>> people = request.store().people().assignees(request.access(),
                    () -> {
                        Map<String, UserModel> byId = new LinkedHashMap<>();
                        ASSIGNABLE_ROLES.stream().map(role -> realm.getRole(role.roleName())).filter(Objects::nonNull)
                                .flatMap(role -> members(session, realm, role))
                                .filter(PeopleResource::isPerson).filter(UserModel::isEnabled)
                                .forEach(user -> byId.putIfAbsent(user.getId(), user));
                        return byId.values().stream().sorted(Comparator.comparing(UserModel::getUsername))
                                .limit(PeopleDirectory.MAX_PEOPLE).map(PeopleResource::person).toList();
                    });
            return json(Response.ok(), Map.of("people", people));
        });
    }

    private static Stream<UserModel> members(KeycloakSession session, RealmModel realm, RoleModel role) {
        return session.users().getRoleMembersStream(realm, role, 0, PeopleDirectory.MAX_PEOPLE);
    }

    /** A person's account: a user that is no client's service account. */
    private static boolean isPerson(UserModel user) {
        return user != null && user.getServiceAccountClientLink() == null;
    }

    private static Map<String, Object> person(UserModel user) {
        return Map.of("id", user.getId(), "username", user.getUsername(),
                "firstName", Objects.requireNonNullElse(user.getFirstName(), ""),
                "lastName", Objects.requireNonNullElse(user.getLastName(), ""));
    }
}
