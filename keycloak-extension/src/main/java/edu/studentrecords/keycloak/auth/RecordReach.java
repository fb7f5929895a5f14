package edu.studentrecords.keycloak.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.keycloak.bootstrap.RealmBootstrap;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.grants.GrantState;
import edu.studentrecords.store.grants.StoredGrant;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private static final String ALL_UNITS = "*";

    private final KeycloakSession session;
    private final RealmModel realm;

    public RecordReach(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The answer of {@code GET /me/grants}. */
    public record Body(List<Staff> staff, List<Application> applications, List<GrantItem> grants) {
    }

    /** An active grant covering the record: which outside body, for what, under which agreement, until when. */
    public record GrantItem(String id, String clientId, String name, String purpose, List<String> groups,
            String agreementReference, Instant expiresAt) {
    }

    /** A role and the units whose holders of it reach the record ({@code *}: all). */
    public record Staff(String role, List<String> units) {
    }

    /** An internal client; {@code units} is null for a client that acts only for signed-in people. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Application(String clientId, String name, List<String> purposes, List<String> groups, List<String> units) {
    }

    /** Who reaches a record of {@code unit}, among them the outside bodies under {@code covering} grants. */
    public Body of(String unit, List<StoredGrant> covering, Instant now) {
        UnitPath target = UnitPath.parse(unit);
        List<Staff> staff = new ArrayList<>();
        if (realm.getRole(RealmRole.ADMIN.roleName()) != null) {
            staff.add(new Staff(RealmRole.ADMIN.roleName(), List.of(ALL_UNITS)));
        }
        RoleModel staffRole = realm.getRole(RealmRole.STAFF.roleName());
        if (staffRole != null) {
            Set<String> units = new TreeSet<>();
            session.users().getRoleMembersStream(realm, staffRole)
                    .flatMap(user -> user.getAttributeStream(AccessContextMapping.USER_UNITS_ATTRIBUTE))
                    .flatMap(value -> AccessContextMapping.split(value, ",").stream())
                    .filter(text -> reaches(text, target))
                    .forEach(units::add);
            if (!units.isEmpty()) {
                staff.add(new Staff(RealmRole.STAFF.roleName(), List.copyOf(units)));
            }
        }
        List<Application> applications = realm.getClientsStream()
                .filter(client -> ClientTrust.fromAttribute(client.getAttribute(ClientTrust.ATTRIBUTE)) == ClientTrust.INTERNAL)
                .filter(client -> !RealmBootstrap.ACCOUNT_CONSOLE.equals(client.getClientId()))
                .map(client -> application(client, target))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(Application::clientId))
                .toList();
        List<GrantItem> grants = covering.stream()
                .filter(stored -> stored.stateAt(now) == GrantState.ACTIVE)
                .map(stored -> grantItem(stored.grant()))
                .toList();
        return new Body(staff, applications, grants);
    }

    private GrantItem grantItem(Grant grant) {
        ClientModel client = realm.getClientByClientId(grant.clientId());
        String name = client != null && client.getName() != null ? client.getName() : grant.clientId();
        return new GrantItem(grant.id(), grant.clientId(), name, grant.purpose(),
                grant.groups().stream().map(FieldGroup::jsonName).toList(), grant.agreementReference(), grant.expiresAt());
    }

    /** The client as it reaches the record, or null when its own units do not contain the record's unit. */
    private static Application application(ClientModel client, UnitPath target) {
        String unitsAttribute = client.getAttribute(AccessContext.CLIENT_UNITS_ATTRIBUTE);
        List<String> units = null;
        if (unitsAttribute != null && client.isServiceAccountsEnabled()) {
            units = AccessContextMapping.split(unitsAttribute, ",").stream().filter(u -> reaches(u, target)).toList();
            if (units.isEmpty() && !client.isStandardFlowEnabled()) {
                return null;
            }
        }
        Set<String> groups = new TreeSet<>(Comparator.comparingInt(RecordReach::groupOrder));
        Stream.concat(client.getClientScopes(true).values().stream(), client.getClientScopes(false).values().stream())
                .map(ClientScopeModel::getName)
                .forEach(scope -> FieldGroup.ALL.stream()
                        .filter(g -> scope.equals("student." + g.jsonName() + ".read"))
                        .forEach(g -> groups.add(g.jsonName())));
        String name = client.getName() == null || client.getName().isBlank() || client.getName().startsWith("${")
                ? client.getClientId() : client.getName();
        return new Application(client.getClientId(), name,
                List.copyOf(AccessContextMapping.split(client.getAttribute(AccessContext.CLIENT_PURPOSES_ATTRIBUTE), ",")),
                List.copyOf(groups), units == null || units.isEmpty() ? null : units);
    }

    private static int groupOrder(String group) {
        return FieldGroup.ALL.stream().map(FieldGroup::jsonName).toList().indexOf(group);
    }

    private static boolean reaches(String unitText, UnitPath target) {
        try {
            return UnitPath.parse(unitText).contains(target);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
