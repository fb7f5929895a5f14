package edu.studentrecords.keycloak.auth;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.UnitDirectory;
import edu.studentrecords.store.access.UnitPath;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A realm's organisational units as Keycloak groups: every group below one root group (the realm attribute
 * {@code student-records.units-root}, default {@code units}) is a unit, its path below the root the unit's path
 * ({@code /units/science/physics/2024-1} is {@code science/physics/2024-1}). Faculties, departments, classes and
 * campuses are shaped by the school in Keycloak's own admin console; staff belong to their units' groups, so a staff
 * member's units are the unit groups they are a member of.
 */
public final class UnitGroups {

    /** The realm attribute naming the root group of the realm's units. */
    public static final String ROOT_ATTRIBUTE = "student-records.units-root";
    /** The root group of units unless the realm names another. */
    public static final String DEFAULT_ROOT = "units";

    private static final Logger LOG = Logger.getLogger(UnitGroups.class);

    private final String root;

    private UnitGroups(String root) {
        this.root = root;
    }

    /** The unit groups of a realm. */
    public static UnitGroups of(RealmModel realm) {
        String configured = realm.getAttribute(ROOT_ATTRIBUTE);
        return new UnitGroups(configured == null || configured.isBlank() ? DEFAULT_ROOT : configured.strip());
    }

    /** The name of the root group. */
    public String root() {
        return root;
    }

    /** The units a user belongs to: the unit groups among the user's groups; other groups are not units. */
    public Set<UnitPath> unitsOf(UserModel user) {
        Set<UnitPath> units = new LinkedHashSet<>();
        user.getGroupsStream().forEach(group -> unitOf(group).ifPresent(units::add));
        return units;
    }

    /** The unit a group stands for, if it lies below the root and its path is a unit path. */
    java.util.Optional<UnitPath> unitOf(GroupModel group) {
        String path = KeycloakModelUtils.buildGroupPath(group);
        String prefix = "/" + root + "/";
        if (!path.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String unit = path.substring(prefix.length());
        if (!UnitPath.isRecordUnit(unit)) {
            // A group name outside the unit grammar cannot be a unit; naming the group is safe (no person).
            LOG.warnf("Ignoring the group %s below the unit root: its path is not a unit path", path);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(UnitPath.parse(unit));
    }

    /**
     * The realm's units, looked up group by group as the store asks: a unit exists when its group does. Each unit is
     * looked up once in the directory's life, which is one request's: an import names the same few units row after
     * row, and the group path is walked from the top each time.
     */
    public UnitDirectory directory(KeycloakSession session, RealmModel realm) {
        Map<UnitPath, Boolean> found = new ConcurrentHashMap<>();
        return unit -> !unit.isAll() && UnitPath.isRecordUnit(unit.toString())
                && found.computeIfAbsent(unit,
                        u -> KeycloakModelUtils.findGroupByPath(session, realm, "/" + root + "/" + u) != null);
    }

    /** Every unit of the realm: each group below the root whose path is a unit path, parents before children. */
    public java.util.List<UnitPath> allUnits(KeycloakSession session, RealmModel realm) {
        java.util.List<UnitPath> units = new java.util.ArrayList<>();
        GroupModel top = KeycloakModelUtils.findGroupByPath(session, realm, "/" + root);
        if (top != null) {
            collect(top, units);
        }
        return units;
    }

    private void collect(GroupModel parent, java.util.List<UnitPath> units) {
        parent.getSubGroupsStream().forEach(group -> {
            unitOf(group).ifPresent(units::add);
            collect(group, units);
        });
    }

    /** An application's units, from its client attribute {@code student-records.units} ({@code *} for all). */
    public static Set<UnitPath> clientUnits(ClientModel client) {
        Set<UnitPath> units = new LinkedHashSet<>();
        for (String text : AccessContextMapping.split(client.getAttribute(AccessContext.CLIENT_UNITS_ATTRIBUTE), ",")) {
            try {
                units.add(UnitPath.parse(text));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Ignoring a malformed unit path in the attributes of client %s", client.getClientId());
            }
        }
        return units;
    }
}
