package edu.studentrecords.keycloak.auth;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.StudentScope;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.RoleUtils;

/**
 * A student reaching their own record through Keycloak itself rather than through the API: the sign-in (the
 * periodic verification page) or a token being issued to a client the student signed in to. There is no access
 * token to read a context from, so it is built here from the models, as a self-service context of the user with
 * {@code student.self} at the client in question: the record is the student's own and flows only to the student
 * or to a client the student has just signed in to, and the store's self-service rule still decides (a student,
 * an internal client, their own record) and audits.
 *
 * @param user         the signed-in user
 * @param client       the client the student signs in to, or the token is issued to
 * @param impersonator the administrator impersonating the user in this session (Keycloak's user session note), or
 *                     null: named on every audit entry, and refused anything but reading
 */
public record SignedInStudent(RealmModel realm, UserModel user, ClientModel client, String impersonator) {

    /** The impersonator of {@code userSession}, or null when it is the user's own session (or there is none). */
    public static String impersonatorOf(UserSessionModel userSession) {
        return userSession == null ? null : userSession.getNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString());
    }

    /** Whether the user holds the realm role {@code student} (directly, through a group or a composite). */
    public boolean isStudent() {
        RoleModel student = realm.getRole(RealmRole.STUDENT.roleName());
        return student != null && user.getServiceAccountClientLink() == null && user.hasRole(student);
    }

    /** The self-service access context, at Keycloak's time (which tests can shift). */
    public AccessContext context() {
        Set<String> roles = RoleUtils.getDeepUserRoleMappings(user).stream()
                .filter(role -> !role.isClientRole())
                .map(RoleModel::getName)
                .collect(Collectors.toSet());
        return AccessContext.builder()
                .subject(user.getId())
                .clientId(client.getClientId())
                .clientTrust(ClientTrust.fromAttribute(client.getAttribute(ClientTrust.ATTRIBUTE)))
                .scopes(Set.of(StudentScope.SELF.scopeName()))
                .roles(roles)
                .selfService(true)
                .impersonator(impersonator)
                .now(now())
                .build();
    }

    /** Keycloak's notion of now: the system clock plus the offset tests may set. */
    public static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
