package edu.studentrecords.keycloak.rest.applications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.studentrecords.keycloak.auth.UnitGroups;
import edu.studentrecords.keycloak.bootstrap.RealmBootstrap;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.UnitDirectory;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.applications.ApplicationAccess;
import edu.studentrecords.store.applications.ApplicationChange;
import edu.studentrecords.store.applications.ApplicationRegister;
import edu.studentrecords.store.validation.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's clients as {@link ApplicationRegister}: trust, purposes and units in the client attributes the access
 * decision reads ({@code student-records.trust}, {@code .purposes}, {@code .units}), scopes as the client's default
 * and optional client scope mappings (only the {@code student.*} scopes; others are left as they are), and a change
 * waiting for a second administrator in the client attribute {@value #PENDING_ATTRIBUTE}. Written in the request's
 * Keycloak transaction, so the next token and the next request see it.
 */
final class ClientRegister implements ApplicationRegister {

    /** The client attribute holding the change that waits for a second administrator. */
    static final String PENDING_ATTRIBUTE = "student-records.pending-change";
    /** The prefix of the client scopes this register manages. */
    static final String SCOPE_PREFIX = "student.";

    private static final Logger LOG = Logger.getLogger(ClientRegister.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;

    ClientRegister(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public List<ApplicationAccess> all() {
        return realm.getClientsStream().map(ClientRegister::settingsOf).toList();
    }

    @Override
    public Optional<ApplicationAccess> find(String clientId) {
        return Optional.ofNullable(clientId == null ? null : realm.getClientByClientId(clientId))
                .map(ClientRegister::settingsOf);
    }

    /** The client of an application the register lists. */
    ClientModel client(String clientId) {
        return realm.getClientByClientId(clientId);
    }

    @Override
    public List<FieldError> errors(ApplicationAccess candidate) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> purposes = realmPurposes();
        int i = 0;
        for (String purpose : candidate.purposes()) {
            if (!purposes.contains(purpose)) {
                errors.add(new FieldError("purposes[" + i + "]", "purpose", "Not a purpose of the realm."));
            }
            i++;
        }
        UnitDirectory units = UnitGroups.of(realm).directory(session, realm);
        i = 0;
        for (String unit : candidate.units()) {
            if (!ApplicationAccess.ALL_UNITS.equals(unit) && !isUnit(units, unit)) {
                errors.add(new FieldError("units[" + i + "]", "unit", "Not a unit of the realm."));
            }
            i++;
        }
        Set<String> scopes = studentScopes().keySet();
        scopeErrors(errors, "defaultScopes", candidate.defaultScopes(), scopes, Set.of());
        scopeErrors(errors, "optionalScopes", candidate.optionalScopes(), scopes, candidate.defaultScopes());
        return errors;
    }

    private static void scopeErrors(List<FieldError> errors, String field, Set<String> asked, Set<String> known,
            Set<String> taken) {
        int i = 0;
        for (String scope : asked) {
            if (!known.contains(scope)) {
                errors.add(new FieldError(field + "[" + i + "]", "scope", "Not a student.* client scope of the realm."));
            } else if (taken.contains(scope)) {
                errors.add(new FieldError(field + "[" + i + "]", "distinct", "A scope is default or optional, not both."));
            }
            i++;
        }
    }

    private static boolean isUnit(UnitDirectory units, String text) {
        try {
            return units.exists(UnitPath.parse(text));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    @Override
    public void write(ApplicationAccess settings) {
        ClientModel client = realm.getClientByClientId(settings.clientId());
        client.setAttribute(ClientTrust.ATTRIBUTE, settings.trust().name().toLowerCase(Locale.ROOT));
        setOrRemove(client, AccessContext.CLIENT_PURPOSES_ATTRIBUTE, settings.purposes());
        setOrRemove(client, AccessContext.CLIENT_UNITS_ATTRIBUTE, settings.units());
        Map<String, ClientScopeModel> defaults = client.getClientScopes(true);
        Map<String, ClientScopeModel> optional = client.getClientScopes(false);
        studentScopes().forEach((name, scope) -> {
            boolean wantDefault = settings.defaultScopes().contains(name);
            boolean wantOptional = settings.optionalScopes().contains(name);
            if (wantDefault == defaults.containsKey(name) && wantOptional == optional.containsKey(name)) {
                return;
            }
            if (defaults.containsKey(name) || optional.containsKey(name)) {
                client.removeClientScope(scope);
            }
            if (wantDefault || wantOptional) {
                client.addClientScope(scope, wantDefault);
            }
        });
    }

    @Override
    public List<ApplicationChange> pending() {
        return realm.getClientsStream().map(this::pendingOf).flatMap(Optional::stream).toList();
    }

    @Override
    public void propose(ApplicationChange change) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", change.id());
        node.put("requestedBy", change.requestedBy());
        node.put("requestedAt", change.requestedAt().toString());
        node.set("before", toJson(change.before()));
        node.set("after", toJson(change.after()));
        realm.getClientByClientId(change.clientId()).setAttribute(PENDING_ATTRIBUTE, node.toString());
    }

    @Override
    public boolean take(String clientId, String changeId) {
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || pendingOf(client).filter(c -> c.id().equals(changeId)).isEmpty()) {
            return false;
        }
        client.removeAttribute(PENDING_ATTRIBUTE);
        return true;
    }

    /** The realm's purposes, as the access decision reads them. */
    Set<String> realmPurposes() {
        String attribute = realm.getAttribute(RealmBootstrap.PURPOSES_ATTRIBUTE);
        return split(attribute == null ? RealmBootstrap.DEFAULT_PURPOSES : attribute);
    }

    /** The realm's units: every unit group below the units' root, by path. */
    List<String> units() {
        return UnitGroups.of(realm).allUnits(session, realm).stream().map(UnitPath::toString).sorted().toList();
    }

    /** The realm's {@code student.*} client scopes, by name. */
    Map<String, ClientScopeModel> studentScopes() {
        return realm.getClientScopesStream().filter(s -> s.getName() != null && s.getName().startsWith(SCOPE_PREFIX))
                .sorted(java.util.Comparator.comparing(ClientScopeModel::getName))
                .collect(Collectors.toMap(ClientScopeModel::getName, s -> s, (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    private Optional<ApplicationChange> pendingOf(ClientModel client) {
        String text = client.getAttribute(PENDING_ATTRIBUTE);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            return Optional.of(new ApplicationChange(node.get("id").asText(), fromJson(client, node.get("before")),
                    fromJson(client, node.get("after")), node.get("requestedBy").asText(),
                    Instant.parse(node.get("requestedAt").asText())));
        } catch (JsonProcessingException | RuntimeException e) {
            // A change nobody can read is no change anybody can approve.
            LOG.warnf("Ignoring an unreadable waiting change in the attributes of client %s", client.getClientId());
            return Optional.empty();
        }
    }

    private static ApplicationAccess settingsOf(ClientModel client) {
        Set<String> defaults = scopeNames(client.getClientScopes(true));
        Set<String> optional = scopeNames(client.getClientScopes(false));
        return new ApplicationAccess(client.getClientId(),
                ClientTrust.fromAttribute(client.getAttribute(ClientTrust.ATTRIBUTE)),
                split(client.getAttribute(AccessContext.CLIENT_PURPOSES_ATTRIBUTE)),
                split(client.getAttribute(AccessContext.CLIENT_UNITS_ATTRIBUTE)), defaults, optional);
    }

    private static Set<String> scopeNames(Map<String, ClientScopeModel> scopes) {
        return scopes.keySet().stream().filter(name -> name.startsWith(SCOPE_PREFIX)).sorted()
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static ObjectNode toJson(ApplicationAccess settings) {
        ObjectNode node = JSON.createObjectNode();
        node.put("trust", settings.trust().name());
        node.set("purposes", JSON.valueToTree(settings.purposes()));
        node.set("units", JSON.valueToTree(settings.units()));
        node.set("defaultScopes", JSON.valueToTree(settings.defaultScopes()));
        node.set("optionalScopes", JSON.valueToTree(settings.optionalScopes()));
        return node;
    }

    private static ApplicationAccess fromJson(ClientModel client, JsonNode node) {
        return new ApplicationAccess(client.getClientId(), ClientTrust.valueOf(node.get("trust").asText()),
                texts(node.get("purposes")), texts(node.get("units")), texts(node.get("defaultScopes")),
                texts(node.get("optionalScopes")));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static void setOrRemove(ClientModel client, String attribute, Set<String> values) {
        if (values.isEmpty()) {
            client.removeAttribute(attribute);
        } else {
            client.setAttribute(attribute, String.join(",", values));
        }
    }

    private static Set<String> split(String text) {
        if (text == null) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
