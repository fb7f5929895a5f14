package edu.studentrecords.keycloak.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.keycloak.bootstrap.RealmBootstrap;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision.Basis;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.access.Reacher;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.grants.GrantState;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * Who can reach one student's record, for the student ({@code GET /me/grants}): the staff roles with the units that
 * contain the record's unit, the realm's internal clients with their purposes and the field groups their scopes
 * name, and the active access grants to outside bodies that cover it. Roles and units only: no staff member is
 * named.
 */
public final class RecordReach {

    private final KeycloakSession session;
    private final RealmModel realm;

    public RecordReach(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The answer of {@code GET /me/grants}. */
    public record Body(List<Staff> staff, List<Application> applications, List<GrantItem> grants,
            List<GuardianItem> guardians) {
    }

    /**
     * A guardian account linked to one guardian entry of the record: it acts for the student while under 18 (reads the
     * record, changes contact and guardians, reads the access log).
     */
    public record GuardianItem(String linkId, int guardianIndex, String username, String relationship,
            Instant linkedAt) {
    }

    /**
     * An active grant covering the record: which outside body, for what, under which agreement, until when, and whether
     * it relies on the student's consent ({@code legalBasis} {@code consent}, with the {@code consentPurpose}).
     */
    public record GrantItem(String id, String clientId, String name, String purpose, List<String> groups,
            String agreementReference, Instant expiresAt, String legalBasis, String consentPurpose) {
    }

    /** A role and the units whose holders of it reach the record ({@code *}: all). */
    public record Staff(String role, List<String> units) {
    }

    /** An internal client; {@code units} is null for a client that acts only for signed-in people. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Application(String clientId, String name, List<String> purposes, List<String> groups, List<String> units) {
    }

    /**
     * Everyone who may reach records through an internal client, for the access policy to judge against one record:
     * administrators (every unit), staff with the units they hold, and each internal application acting for itself
     * with its client units.
     */
    public List<Reacher> candidates() {
        List<Reacher> candidates = new ArrayList<>();
        if (realm.getRole(RealmRole.ADMIN.roleName()) != null) {
            candidates.add(new Reacher(RealmRole.ADMIN.roleName(), Basis.ADMIN, Set.of(UnitPath.ALL)));
        }
        RoleModel staffRole = realm.getRole(RealmRole.STAFF.roleName());
        if (staffRole != null) {
            Set<UnitPath> units = new HashSet<>();
            session.users().getRoleMembersStream(realm, staffRole)
                    .forEach(user -> units.addAll(UnitGroups.of(realm).unitsOf(user)));
            candidates.add(new Reacher(RealmRole.STAFF.roleName(), Basis.STAFF, units));
        }
        internalClients().filter(ClientModel::isServiceAccountsEnabled).forEach(client -> candidates.add(
                new Reacher(client.getClientId(), Basis.CLIENT, UnitGroups.clientUnits(client))));
        return candidates;
    }

    /** The answer of {@code GET /me/grants}, from the store's answer of who reaches the student's record. */
    public Body of(edu.studentrecords.store.RecordReach reach, Instant now) {
        List<Staff> staff = reach.reachers().stream()
                .filter(r -> r.basis() == Basis.ADMIN || r.basis() == Basis.STAFF)
                .map(r -> new Staff(r.name(), r.units().stream().map(UnitPath::toString).sorted().toList()))
                .toList();
        Map<String, Reacher> applications = new HashMap<>();
        reach.reachers().stream().filter(r -> r.basis() == Basis.CLIENT).forEach(r -> applications.put(r.name(), r));
        List<Application> apps = internalClients()
                .map(client -> application(client, applications.get(client.getClientId())))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(Application::clientId))
                .toList();
        List<GrantItem> grants = reach.grants().stream()
                .filter(stored -> stored.stateAt(now) == GrantState.ACTIVE)
                .map(stored -> grantItem(stored.grant()))
                .toList();
        List<GuardianItem> guardians = reach.guardians().stream()
                .map(link -> new GuardianItem(link.id(), link.guardianIndex(), link.guardianUsername(),
                        link.relationship() == null ? null : link.relationship().name(), link.linkedAt()))
                .toList();
        return new Body(staff, apps, grants, guardians);
    }

    private Stream<ClientModel> internalClients() {
        return realm.getClientsStream()
                .filter(client -> ClientTrust.fromAttribute(client.getAttribute(ClientTrust.ATTRIBUTE)) == ClientTrust.INTERNAL)
                .filter(client -> !RealmBootstrap.ACCOUNT_CONSOLE.equals(client.getClientId()));
    }

    private GrantItem grantItem(Grant grant) {
        ClientModel client = realm.getClientByClientId(grant.clientId());
        String name = client != null && client.getName() != null ? client.getName() : grant.clientId();
        return new GrantItem(grant.id(), grant.clientId(), name, grant.purpose(),
                grant.groups().stream().map(FieldGroup::jsonName).toList(), grant.agreementReference(), grant.expiresAt(),
                grant.legalBasis(), grant.consentPurpose());
    }

    /**
     * The client as it reaches the record: acting for itself through the units the policy found ({@code reacher}, or
     * null), or for the people who sign in to it. Null when it does neither.
     */
    private static Application application(ClientModel client, Reacher reacher) {
        if (reacher == null && !client.isStandardFlowEnabled()) {
            return null;
        }
        Set<String> groups = new TreeSet<>(Comparator.comparingInt(RecordReach::groupOrder));
        Stream.concat(client.getClientScopes(true).values().stream(), client.getClientScopes(false).values().stream())
                .map(ClientScopeModel::getName)
                .forEach(scope -> FieldGroup.ALL.stream()
                        .filter(g -> scope.equals(g.readScope()))
                        .forEach(g -> groups.add(g.jsonName())));
        String name = client.getName() == null || client.getName().isBlank() || client.getName().startsWith("${")
                ? client.getClientId() : client.getName();
        List<String> units = reacher == null ? null
                : reacher.units().stream().map(UnitPath::toString).sorted().toList();
        return new Application(client.getClientId(), name,
                List.copyOf(AccessContextMapping.split(client.getAttribute(AccessContext.CLIENT_PURPOSES_ATTRIBUTE), ",")),
                List.copyOf(groups), units);
    }

    private static int groupOrder(String group) {
        return FieldGroup.ALL.stream().map(FieldGroup::jsonName).toList().indexOf(group);
    }
}
