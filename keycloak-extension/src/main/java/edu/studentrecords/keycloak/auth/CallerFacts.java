package edu.studentrecords.keycloak.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Keycloak's models say about the caller of one request, as plain values, so that turning a token into an
 * access context does not depend on the models.
 *
 * @param serviceAccount   whether the token's user is a client's service account
 * @param realmRoles       the user's effective realm role names
 * @param userUnits        the values of the user's attribute {@code student-records.units}
 * @param clientAttributes the attributes of the token's client
 * @param realmPurposes    the realm attribute {@code student-records.purposes}, or null when absent
 */
record CallerFacts(
        boolean serviceAccount,
        Set<String> realmRoles,
        List<String> userUnits,
        Map<String, String> clientAttributes,
        String realmPurposes) {

    CallerFacts {
        realmRoles = Set.copyOf(realmRoles);
        userUnits = List.copyOf(userUnits);
        clientAttributes = Map.copyOf(clientAttributes);
    }
}
