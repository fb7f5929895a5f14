package edu.studentrecords.keycloak;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.FieldGroup;
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
 * name, and the access grants to outside bodies (none until grants exist). Roles and units only: no staff member is
 * named.
 */
final class RecordReach {

    private static final String ALL_UNITS = "*";

    private final KeycloakSession session;
    private final RealmModel realm;

    RecordReach(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The answer of {@code GET /me/grants}. */
    record Body(List<Staff> staff, List<Application> applications, List<Object> grants) {
    }

    /** A role and the units whose holders of it reach the record ({@code *}: all). */
    record Staff(String role, List<String> units) {
    }

    /** An internal client; {@code units} is null for a client that acts only for signed-in people. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Application(String clientId, String name, List<String> purposes, List<String> groups, List<String> units) {
    }

    /** Who reaches a record of {@code unit}. */
    Body of(String unit) {
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
        return new Body(staff, applications, List.of());
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
