package edu.studentrecords.keycloak.rest.accesslog;

import edu.studentrecords.keycloak.auth.UnitGroups;
import edu.studentrecords.store.OwnAccessLog;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.guardians.GuardianLink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Describes the actors of one record's access log for its reader (the student, or a guardian of the child): looks each
 * person and client up once, as they are now (a staff member who has since changed role or unit is described as they
 * are today; one who no longer exists is "staff" without a role). Not thread-safe: one per request.
 */
final class ActorDescriptions {

    /** Product roles from the most to the least reaching: a person is described by the first they hold. */
    private static final List<RealmRole> ROLES = List.of(RealmRole.ADMIN, RealmRole.SUPERVISOR, RealmRole.STAFF);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String caller;
    private final String student;
    private final UnitPath recordUnit;
    private final Map<String, GuardianLink> guardians = new HashMap<>();
    private final Map<String, Actor> people = new HashMap<>();
    private final Map<String, String> clientNames = new HashMap<>();

    ActorDescriptions(KeycloakSession session, RealmModel realm, String caller, OwnAccessLog log) {
        this.session = session;
        this.realm = realm;
        this.caller = caller;
        this.student = log.student();
        this.recordUnit = log.unit() != null && UnitPath.isRecordUnit(log.unit()) ? UnitPath.ofRecord(log.unit()) : null;
        log.guardians().forEach(link -> guardians.putIfAbsent(link.guardianSubject(), link));
    }

    /** Who acted in {@code entry}. */
    Actor of(AuditEntry entry) {
        String clientName = clientNames.computeIfAbsent(entry.clientId(), this::clientName);
        String subject = entry.subject();
        if (subject == null) {
            return new Actor(Actor.Kind.APPLICATION, null, null, null, null, null, clientName);
        }
        if (entry.impersonator() != null && !entry.impersonator().equals(subject)) {
            // Someone acting as a person is not that person: the reader sees the one who really acted.
            Actor person = people.computeIfAbsent(entry.impersonator(), this::staff);
            return new Actor(person.kind(), person.role(), person.unit(), person.unitPath(), null, null, clientName);
        }
        if (subject.equals(caller)) {
            return new Actor(Actor.Kind.YOU, null, null, null, null, null, clientName);
        }
        if (subject.equals(student)) {
            return new Actor(Actor.Kind.STUDENT, null, null, null, null, null, clientName);
        }
        GuardianLink link = guardians.get(subject);
        if (link != null) {
            return new Actor(Actor.Kind.GUARDIAN, null, null, null, link.guardianUsername(),
                    link.relationship() == null ? null : link.relationship().name(), clientName);
        }
        Actor person = people.computeIfAbsent(subject, this::staff);
        return new Actor(person.kind(), person.role(), person.unit(), person.unitPath(), null, null, clientName);
    }

    private Actor staff(String subject) {
        UserModel user = session.users().getUserById(realm, subject);
        if (user == null) {
            return new Actor(Actor.Kind.STAFF, null, null, null, null, null, null);
        }
        String role = ROLES.stream().filter(r -> holds(user, r)).map(RealmRole::roleName).findFirst().orElse(null);
        if (role == null) {
            return new Actor(Actor.Kind.PERSON, null, null, null, null, null, null);
        }
        if (RealmRole.ADMIN.roleName().equals(role) || recordUnit == null) {
            return new Actor(Actor.Kind.STAFF, role, null, null, null, null, null);
        }
        Set<UnitPath> units = UnitGroups.of(realm).unitsOf(user);
        if (units.contains(recordUnit)) {
            return new Actor(Actor.Kind.STAFF, role, "OWN", recordUnit.toString(), null, null, null);
        }
        return units.stream().filter(u -> !u.isAll() && u.contains(recordUnit)).findFirst()
                .map(u -> new Actor(Actor.Kind.STAFF, role, "ABOVE", u.toString(), null, null, null))
                .orElseGet(() -> new Actor(Actor.Kind.STAFF, role, null, null, null, null, null));
    }

    private boolean holds(UserModel user, RealmRole role) {
        RoleModel model = realm.getRole(role.roleName());
        return model != null && user.hasRole(model);
    }

    private String clientName(String clientId) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        return client == null || client.getName() == null || client.getName().isBlank() ? clientId : client.getName();
    }
}
