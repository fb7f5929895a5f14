package edu.studentrecords.keycloak.auth;

import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.UnitDirectory;
import edu.studentrecords.store.access.UnitPath;
import java.util.Map;
import java.util.Set;

/**
 * What Keycloak's models say about the caller of one request, as plain values, so that turning a token into an
 * access context does not depend on the models.
 *
 * @param serviceAccount   whether the token's user is a client's service account
 * @param realmRoles       the user's effective realm role names
 * @param userUnits        the units the user belongs to: their unit groups
 * @param clientAttributes the attributes of the token's client
 * @param realmPurposes    the realm attribute {@code student-records.purposes}, or null when absent
 * @param rolePurposes     the realm attributes {@code student-records.purposes.<role>}, by role, where set
 * @param impersonator     the administrator impersonating the user (from the user session), or null
 * @param unitDirectory    the realm's units
 */
record CallerFacts(
        boolean serviceAccount,
        Set<String> realmRoles,
        Set<UnitPath> userUnits,
        Map<String, String> clientAttributes,
        String realmPurposes,
        Map<RealmRole, String> rolePurposes,
        String impersonator,
        UnitDirectory unitDirectory) {

    CallerFacts {
        realmRoles = Set.copyOf(realmRoles);
        userUnits = Set.copyOf(userUnits);
        clientAttributes = Map.copyOf(clientAttributes);
        rolePurposes = Map.copyOf(rolePurposes);
    }

    /** Facts without impersonation, role purposes or unit groups: for callers that need only the rest. */
    CallerFacts(boolean serviceAccount, Set<String> realmRoles, Set<UnitPath> userUnits,
            Map<String, String> clientAttributes, String realmPurposes) {
        this(serviceAccount, realmRoles, userUnits, clientAttributes, realmPurposes, Map.of(), null, UnitDirectory.NONE);
    }
}
