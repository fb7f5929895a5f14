package edu.studentrecords.keycloak.auth;

import edu.studentrecords.keycloak.bootstrap.RealmBootstrap;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.access.ConsentCheck;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.Ward;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Authenticates the bearer token of a request (signature, issuer, expiry, type, audience {@code student-records},
 * revocation, user session) and builds the caller's {@link AccessContext}.
 */
public final class BearerAuthentication {

    private final KeycloakSession session;

    public BearerAuthentication(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The caller, or empty when the request carries no valid token for this API.
     *
     * @param purpose     the {@code Data-Purpose} header, or null
     * @param kind        through which door the request came
     */
    public Optional<Caller> authenticate(String purpose, CallKind kind) {
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setAudience(RealmBootstrap.AUDIENCE)
                .authenticate();
        if (result == null || result.getUser() == null || result.getToken().getIssuedFor() == null) {
            return Optional.empty();
        }
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = result.getClient() != null ? result.getClient()
                : realm.getClientByClientId(result.getToken().getIssuedFor());
        // The clock Keycloak's tests can shift, so that grant expiry follows the server's notion of time.
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        CallerFacts facts = facts(realm, result.getUser(), client, impersonator(result));
        // Grants matter only to external clients; they are read on every request so that approval, expiry and
        // revocation work on the very next one.
        List<Grant> grants = ClientTrust.fromAttribute(facts.clientAttributes().get(ClientTrust.ATTRIBUTE)) == ClientTrust.EXTERNAL
                ? session.getProvider(StudentRecordsProvider.class).store(realm).grants().ofClient(result.getToken().getIssuedFor())
                : List.of();
        // A guardian's children, with the dates of birth their records hold now: the age is worked out at each request.
        List<Ward> wards = kind == CallKind.GUARDIAN && !facts.serviceAccount()
                && facts.realmRoles().contains(RealmRole.GUARDIAN.roleName())
                ? session.getProvider(StudentRecordsProvider.class).store(realm).guardians()
                        .wardsOf(result.getUser().getId())
                : List.of();
        // A grant relying on consent opens a student only while the consent is given: looked up at each decision.
        ConsentCheck consents = grants.stream().anyMatch(Grant::consentBound)
                ? session.getProvider(StudentRecordsProvider.class).store(realm).consents()::isGiven
                : ConsentCheck.NONE;
        AccessContext context = AccessContextMapping.toContext(result.getToken(), facts, purpose, kind, now, grants,
                wards, consents);
        return Optional.of(new Caller(result.getToken(), context));
    }

    private CallerFacts facts(RealmModel realm, UserModel user, ClientModel client, String impersonator) {
        Set<String> roles = RoleUtils.getDeepUserRoleMappings(user).stream()
                .filter(role -> !role.isClientRole())
                .map(RoleModel::getName)
                .collect(Collectors.toSet());
        UnitGroups units = UnitGroups.of(realm);
        Map<String, String> clientAttributes = client == null ? Map.of() : client.getAttributes().entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<RealmRole, String> rolePurposes = new EnumMap<>(RealmRole.class);
        for (RealmRole role : RealmRole.values()) {
            String purposes = realm.getAttribute(RealmBootstrap.ROLE_PURPOSES_ATTRIBUTE_PREFIX + role.roleName());
            if (purposes != null) {
                rolePurposes.put(role, purposes);
            }
        }
        return new CallerFacts(user.getServiceAccountClientLink() != null, roles, units.unitsOf(user), clientAttributes,
                realm.getAttribute(RealmBootstrap.PURPOSES_ATTRIBUTE), rolePurposes, impersonator,
                units.directory(session, realm));
    }

    /** The administrator impersonating the token's user, as Keycloak noted it in the user session; null otherwise. */
    private static String impersonator(AuthResult result) {
        return SignedInStudent.impersonatorOf(result.getSession());
    }
}
