package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.keycloak.login.LastSignIn;
import edu.studentrecords.keycloak.settings.RealmSettings;
import edu.studentrecords.store.check.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The self-check's {@code STALE_ADMIN} findings: enabled administrators (direct holders of {@code records-admin} or
 * realm-management's {@code realm-admin}) whose {@link LastSignIn last sign-in} is more than the realm's
 * {@code staleAdminDays} ago. Each finding names the user by id ({@code user:<id>}), counts the whole days since the
 * last sign-in, and spans from that sign-in to now. Scans the role members: cheap, there are few administrators.
 */
final class StaleAdmins {

    private StaleAdmins() {
    }

    static List<Finding> of(KeycloakSession session, RealmModel realm, Instant now) {
        Duration limit = Duration.ofDays(RealmSettings.staleAdminDays(realm));
        Map<String, UserModel> admins = new TreeMap<>();
        LastSignIn.administratorRoles(realm).forEach(role -> session.users().getRoleMembersStream(realm, role)
                .filter(UserModel::isEnabled).filter(user -> user.getServiceAccountClientLink() == null)
                .forEach(user -> admins.putIfAbsent(user.getId(), user)));
        return admins.values().stream()
                .map(user -> new SignedIn(user.getId(), LastSignIn.of(session, realm, user)))
                .filter(seen -> Duration.between(seen.last(), now).compareTo(limit) > 0)
                .map(seen -> new Finding(Finding.STALE_ADMIN, "user:" + seen.userId(),
                        Duration.between(seen.last(), now).toDays(), seen.last(), now))
                .toList();
    }

    private record SignedIn(String userId, Instant last) {
    }
}
