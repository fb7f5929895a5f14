package edu.studentrecords.keycloak.login;

import edu.studentrecords.store.access.RealmRole;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * When an administrator last signed in, for the self-check's {@code STALE_ADMIN} finding.
 *
 * <p>Keycloak itself keeps no durable "last sign-in": user sessions vanish when they expire, and login events are
 * stored only when a realm enables them, for as long as their expiry says. So the extension keeps its own: the user
 * attribute {@value #ATTRIBUTE} (an ISO-8601 instant), written on every {@code LOGIN} event of an administrator by
 * {@link LastSignInListenerFactory}, a global event listener (no realm has to switch it on). Only administrators are
 * tracked, so a student's sign-in costs no extra write. The attribute is unmanaged (not part of the user profile):
 * the account console does not show it and users cannot change it.
 *
 * <p>An administrator's last sign-in is the latest of that attribute, the start of any user session Keycloak still
 * holds (covers sign-ins made before the listener was deployed), and the account's creation (an account nobody ever
 * signed in to becomes stale from its creation on).
 */
public final class LastSignIn {

    /** The user attribute holding the instant of the last sign-in. */
    static final String ATTRIBUTE = "student-records.last-sign-in";
    /** The realm-management client role that makes a realm administrator. */
    static final String REALM_ADMIN_ROLE = "realm-admin";

    private LastSignIn() {
    }

    /** Whether the user is an administrator the self-check watches: records-admin, or realm-management's realm-admin. */
    static boolean isAdministrator(RealmModel realm, UserModel user) {
        return administratorRoles(realm).anyMatch(user::hasRole);
    }

    /** The roles that make an administrator in {@code realm}. */
    public static Stream<RoleModel> administratorRoles(RealmModel realm) {
        RoleModel records = realm.getRole(RealmRole.ADMIN.roleName());
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel realmAdmin = management == null ? null : management.getRole(REALM_ADMIN_ROLE);
        return Stream.of(records, realmAdmin).filter(role -> role != null);
    }

    /** The user's last sign-in as defined above. */
    public static Instant of(KeycloakSession session, RealmModel realm, UserModel user) {
        Instant latest = user.getCreatedTimestamp() == null ? Instant.EPOCH : Instant.ofEpochMilli(user.getCreatedTimestamp());
        Optional<Instant> recorded = recorded(user);
        if (recorded.isPresent() && recorded.get().isAfter(latest)) {
            latest = recorded.get();
        }
        Optional<Instant> sessions = session.sessions().getUserSessionsStream(realm, user)
                .map(UserSessionModel::getStarted).max(Integer::compare).map(s -> Instant.ofEpochSecond(s));
        if (sessions.isPresent() && sessions.get().isAfter(latest)) {
            latest = sessions.get();
        }
        return latest;
    }

    private static Optional<Instant> recorded(UserModel user) {
        String text = user.getFirstAttribute(ATTRIBUTE);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
