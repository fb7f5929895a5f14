package edu.studentrecords.store.testing;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.UnitDirectory;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Access contexts of typical callers, as the Keycloak layer would build them from tokens. */
public final class Principals {

    public static final Set<String> REALM_PURPOSES = Set.of("teaching", "administration", "student-services", "statistics");
    /** The test realm has every unit a test places a record in. */
    public static final UnitDirectory EVERY_UNIT = unit -> true;

    private Principals() {
    }

    /** Every read and write scope plus admin, purge and search. */
    public static Set<String> allScopes() {
        Set<String> scopes = new HashSet<>(Set.of("student.admin", "student.purge", "student.search", "student.audit"));
        for (FieldGroup g : FieldGroup.ALL) {
            scopes.add(g.readScope());
            scopes.add(g.writeScope());
        }
        return scopes;
    }

    /** A registrar of the information management centre through the campus portal. */
    public static AccessContext admin(String subject) {
        return admin(subject, Instant.now());
    }

    /** A registrar, at a given instant (to act after an expiry). */
    public static AccessContext admin(String subject, Instant now) {
        return person(subject, "records-admin", Set.of(), allScopes(), now);
    }

    /** A teacher of the given units through the campus portal, with the given scopes. */
    public static AccessContext staff(String subject, Set<String> scopes, String... units) {
        Set<UnitPath> paths = new HashSet<>();
        for (String unit : units) {
            paths.add(UnitPath.parse(unit));
        }
        return person(subject, "records-staff", paths, scopes, Instant.now());
    }

    /** A student through the account console, on the /me endpoints. */
    public static AccessContext self(String subject) {
        return AccessContext.builder()
                .subject(subject)
                .clientId("account-console")
                .clientTrust(ClientTrust.INTERNAL)
                .scopes(Set.of("student.self"))
                .roles(Set.of("student"))
                .realmPurposes(REALM_PURPOSES)
                .selfService(true)
                .unitDirectory(EVERY_UNIT)
                .now(Instant.now())
                .build();
    }

    private static AccessContext person(String subject, String role, Set<UnitPath> units, Set<String> scopes,
            Instant now) {
        return AccessContext.builder()
                .subject(subject)
                .clientId("campus-portal")
                .clientTrust(ClientTrust.INTERNAL)
                .scopes(scopes)
                .roles(Set.of(role))
                .units(units)
                .purpose("administration")
                .realmPurposes(REALM_PURPOSES)
                .clientPurposes(Set.of("teaching", "administration", "student-services"))
                .unitDirectory(EVERY_UNIT)
                .now(now)
                .build();
    }
}
