package edu.studentrecords.keycloak.rest.applications;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.applications.ApplicationAccess;
import edu.studentrecords.store.applications.ApplicationChange;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The JSON shapes of {@code /applications}: an application as the API shows it, and the settings a change asks for. */
final class ApplicationRepresentation {

    private ApplicationRepresentation() {
    }

    /** The body of {@code PUT /applications/{clientId}}: the application's settings as a whole. */
    record Settings(String trust, List<String> purposes, List<String> units, List<String> defaultScopes,
            List<String> optionalScopes) {

        /** The most values one list of a change may hold. */
        static final int MAX_VALUES = 1000;

        ApplicationAccess toAccess(String clientId) {
            ClientTrust parsed;
            if ("internal".equals(trust)) {
                parsed = ClientTrust.INTERNAL;
            } else if ("external".equals(trust)) {
                parsed = ClientTrust.EXTERNAL;
            } else {
                throw new BadRequest("bad.application-trust");
            }
            return new ApplicationAccess(clientId, parsed, set("purposes", purposes), set("units", units),
                    set("defaultScopes", defaultScopes), set("optionalScopes", optionalScopes));
        }

        private static Set<String> set(String name, List<String> values) {
            if (values == null) {
                // The settings as a whole: a list left out (or null) is an empty one, as the API's description says.
                return new LinkedHashSet<>();
            }
            if (values.size() > MAX_VALUES) {
                // A realm has far fewer purposes, units and scopes; a longer list would only cost time and answer.
                throw new BadRequest("bad.list-too-long", name, MAX_VALUES);
            }
            Set<String> set = new LinkedHashSet<>();
            values.forEach(v -> set.add(v == null ? "" : v.strip()));
            return set;
        }
    }

    /** An application with its settings and the change waiting for a second administrator, if any. */
    static Map<String, Object> of(ClientModel client, ApplicationAccess settings, ApplicationChange pending,
            KeycloakSession session, RealmModel realm, String caller) {
        Map<String, Object> json = settings(settings);
        json.put("clientId", client.getClientId());
        json.put("name", client.getName() == null || client.getName().isBlank() ? null : client.getName());
        json.put("description", client.getDescription());
        json.put("enabled", client.isEnabled());
        json.put("serviceAccount", client.isServiceAccountsEnabled());
        if (pending != null) {
            Map<String, Object> change = settings(pending.after());
            change.put("id", pending.id());
            change.put("requestedBy", person(session, realm, pending.requestedBy()));
            change.put("requestedByYou", pending.requestedBy().equals(caller));
            change.put("requestedAt", pending.requestedAt().toString());
            json.put("pendingChange", change);
        } else {
            json.put("pendingChange", null);
        }
        return json;
    }

    private static Map<String, Object> settings(ApplicationAccess settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("trust", settings.trust().name().toLowerCase(Locale.ROOT));
        json.put("purposes", List.copyOf(settings.purposes()));
        json.put("units", List.copyOf(settings.units()));
        json.put("defaultScopes", List.copyOf(settings.defaultScopes()));
        json.put("optionalScopes", List.copyOf(settings.optionalScopes()));
        return json;
    }

    /** A person by username and name: the requester of a change. */
    private static Map<String, Object> person(KeycloakSession session, RealmModel realm, String subject) {
        UserModel user = session.users().getUserById(realm, subject);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", user == null ? null : user.getUsername());
        String name = user == null ? null
                : String.join(" ", java.util.stream.Stream.of(user.getFirstName(), user.getLastName())
                        .filter(p -> p != null && !p.isBlank()).toList());
        json.put("name", name == null || name.isEmpty() ? null : name);
        return json;
    }
}
