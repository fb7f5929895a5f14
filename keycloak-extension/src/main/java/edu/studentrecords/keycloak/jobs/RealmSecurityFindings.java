package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.check.Finding;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What only Keycloak can tell the self-check: external clients (outside bodies) that hold {@code student.*} scopes
 * but no active grant, so a scope was handed out that nothing legitimate uses; and administrators who have not signed
 * in for the realm's {@code staleAdminDays} ({@link StaleAdmins}).
 */
public final class RealmSecurityFindings {

    private RealmSecurityFindings() {
    }

    /** Every finding only Keycloak can tell: clients without grants, then stale administrators. */
    public static List<Finding> of(KeycloakSession session, RealmModel realm, StudentRecords store, Instant now) {
        return Stream.concat(of(realm, store, now).stream(), StaleAdmins.of(session, realm, now).stream()).toList();
    }

    static List<Finding> of(RealmModel realm, StudentRecords store, Instant now) {
        return realm.getClientsStream()
                .filter(client -> ClientTrust.fromAttribute(client.getAttribute(ClientTrust.ATTRIBUTE)) == ClientTrust.EXTERNAL)
                .filter(RealmSecurityFindings::holdsStudentScopes)
                .filter(client -> store.grants().ofClient(client.getClientId()).stream().noneMatch(g -> g.isActiveAt(now)))
                .map(client -> new Finding(Finding.EXTERNAL_CLIENT_WITHOUT_GRANT, "client:" + client.getClientId(), 1,
                        null, null))
                .toList();
    }

    private static boolean holdsStudentScopes(ClientModel client) {
        return Stream.concat(client.getClientScopes(true).values().stream(), client.getClientScopes(false).values().stream())
                .map(ClientScopeModel::getName)
                .anyMatch(name -> name.startsWith("student."));
    }
}
