package edu.studentrecords.store.access;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The dimensions of the access matrix, written as plain data (strings, booleans, instants) so that the
 * reference model in {@link AccessPolicyMatrixTest} can read them without the production types.
 */
final class MatrixFixtures {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String INTERNAL_CLIENT = "campus-portal";
    static final String EXTERNAL_CLIENT = "census-bureau";
    static final String OTHER_EXTERNAL_CLIENT = "insurance-co";

    static final Set<String> REALM_PURPOSES = Set.of("teaching", "scholarship", "statistics");
    static final Set<String> CLIENT_PURPOSES = Set.of("teaching", "scholarship");

    /** Allowed for the internal client and the purpose of most grants; missing; unknown; realm-only; supervisors'. */
    static final List<String> PURPOSES = Arrays.asList("teaching", null, "marketing", "statistics", "scholarship");

    static final String SHA = "ab".repeat(32);

    /** A record as data. */
    record TargetSpec(String name, String id, String owner, String unit) {
        AccessTarget toTarget() {
            return new AccessTarget(id, owner, UnitPath.parse(unit));
        }
    }

    /** A grant as data. */
    record GrantSpec(String id, String clientId, String purpose, Set<FieldGroup> groups, Set<String> recordIds,
            Set<String> units, boolean approved, Instant expiresAt, boolean revoked) {
        Grant toGrant() {
            return Grant.builder().id(id).clientId(clientId).purpose(purpose).groups(groups).recordIds(recordIds)
                    .units(units.stream().map(UnitPath::parse).collect(Collectors.toSet()))
                    .agreementReference("NDA-" + id).agreementSha256(SHA).requestedBy("requester")
                    .approvedBy(approved ? "approver" : null).expiresAt(expiresAt)
                    .revokedAt(revoked ? NOW.minusSeconds(60) : null).build();
        }
    }

    /** A caller as data: who, through which client, with which roles, units and grants. */
    /** The realm limits supervisors to one purpose; every other role may declare any of the client's. */
    static final Map<RealmRole, Set<String>> ROLE_PURPOSES = Map.of(RealmRole.SUPERVISOR, Set.of("scholarship"));

    record PrincipalSpec(String name, String subject, String clientId, boolean internal, Set<String> roles,
            Set<String> units, Set<String> clientUnits, List<GrantSpec> grants, String impersonator) {

        PrincipalSpec(String name, String subject, String clientId, boolean internal, Set<String> roles,
                Set<String> units, Set<String> clientUnits, List<GrantSpec> grants) {
            this(name, subject, clientId, internal, roles, units, clientUnits, grants, null);
        }

        boolean serviceAccount() {
            return subject == null;
        }

        AccessContext context(Set<String> scopes, String purpose, boolean selfService) {
            return AccessContext.builder()
                    .subject(subject).serviceAccount(subject == null).clientId(clientId)
                    .clientTrust(internal ? ClientTrust.INTERNAL : ClientTrust.EXTERNAL)
                    .scopes(scopes).roles(roles)
                    .units(units.stream().map(UnitPath::parse).collect(Collectors.toSet()))
                    .clientUnits(clientUnits.stream().map(UnitPath::parse).collect(Collectors.toSet()))
                    .purpose(purpose).realmPurposes(REALM_PURPOSES)
                    .clientPurposes(internal ? CLIENT_PURPOSES : Set.of("teaching"))
                    .grants(grants.stream().map(GrantSpec::toGrant).toList())
                    .rolePurposes(ROLE_PURPOSES).impersonator(impersonator)
                    .selfService(selfService).now(NOW).build();
        }
    }

    static final List<TargetSpec> TARGETS = List.of(
            new TargetSpec("own", "r-own", "alice", "science/physics/2024-1"),
            new TargetSpec("classmate", "r-mate", "bob", "science/physics/2024-1"),
            new TargetSpec("department", "r-dept", "carol", "science/physics"),
            new TargetSpec("prefix-lookalike", "r-prefix", "dave", "sci/physics/2024-1"),
            new TargetSpec("foreign", "r-foreign", "erin", "arts/history/2024-2"),
            new TargetSpec("unlinked", "r-unlinked", null, "science/physics/2024-1"),
            new TargetSpec("listed", "r-listed", "frank", "law/2024-3"));

    private static final Instant LATER = NOW.plusSeconds(86_400);
    private static final Set<FieldGroup> PC = EnumSet.of(FieldGroup.PROFILE, FieldGroup.CONTACT);

    static final GrantSpec COVERING = new GrantSpec("g-covering", EXTERNAL_CLIENT, "teaching", PC, Set.of(),
            Set.of("science/physics"), true, LATER, false);
    static final GrantSpec NOT_COVERING = new GrantSpec("g-medicine", EXTERNAL_CLIENT, "teaching",
            EnumSet.of(FieldGroup.PROFILE, FieldGroup.IDENTITY), Set.of(), Set.of("medicine"), true, LATER, false);
    static final GrantSpec EXPIRED = new GrantSpec("g-expired", EXTERNAL_CLIENT, "teaching", PC, Set.of(),
            Set.of("science"), true, NOW.minusSeconds(1), false);
    static final GrantSpec EXPIRING_NOW = new GrantSpec("g-expiring-now", EXTERNAL_CLIENT, "teaching", PC, Set.of(),
            Set.of("science"), true, NOW, false);
    static final GrantSpec REVOKED = new GrantSpec("g-revoked", EXTERNAL_CLIENT, "teaching", PC, Set.of(),
            Set.of("science"), true, LATER, true);
    static final GrantSpec UNAPPROVED = new GrantSpec("g-unapproved", EXTERNAL_CLIENT, "teaching", PC, Set.of(),
            Set.of("science"), false, LATER, false);
    static final GrantSpec OTHER_PURPOSE = new GrantSpec("g-statistics", EXTERNAL_CLIENT, "statistics",
            EnumSet.of(FieldGroup.PROFILE, FieldGroup.GUARDIANS), Set.of(), Set.of("science", "arts"), true, LATER,
            false);
    static final GrantSpec OTHER_CLIENT = new GrantSpec("g-insurer", OTHER_EXTERNAL_CLIENT, "teaching",
            EnumSet.allOf(FieldGroup.class), Set.of("r-own"), Set.of("science"), true, LATER, false);
    static final GrantSpec BY_RECORD_ID = new GrantSpec("g-by-id", EXTERNAL_CLIENT, "teaching",
            EnumSet.of(FieldGroup.PROFILE, FieldGroup.IDENTITY, FieldGroup.GUARDIANS), Set.of("r-listed", "r-own"),
            Set.of(), true, LATER, false);
    static final GrantSpec CONTACT_ONLY = new GrantSpec("g-contact-only", EXTERNAL_CLIENT, "teaching",
            EnumSet.of(FieldGroup.CONTACT), Set.of(), Set.of("science", "sci"), true, LATER, false);
    /** Names units that are textual prefixes of the targets' units, not whole-segment ones. */
    static final GrantSpec LOOKALIKE = new GrantSpec("g-lookalike", EXTERNAL_CLIENT, "teaching",
            EnumSet.allOf(FieldGroup.class), Set.of("r-own-typo"), Set.of("science/phys", "art", "la"), true, LATER,
            false);
    /** Same group count as {@link #COVERING} but expires earlier: named in its place when both cover. */
    static final GrantSpec EARLIER_TWIN = new GrantSpec("g-earlier-twin", EXTERNAL_CLIENT, "teaching",
            EnumSet.of(FieldGroup.PROFILE, FieldGroup.GUARDIANS), Set.of(), Set.of("science/physics/2024-1"), true,
            NOW.plusSeconds(3_600), false);

    static List<PrincipalSpec> principals() {
        List<PrincipalSpec> all = new ArrayList<>();
        all.add(person("student-internal", "alice", true, Set.of("student"), Set.of()));
        all.add(person("student-external", "alice", false, Set.of("student"), Set.of()));
        all.add(person("student-and-staff", "alice", true, Set.of("student", "records-staff"), Set.of("arts")));
        all.add(person("staff-physics", "sam", true, Set.of("records-staff"), Set.of("science/physics")));
        all.add(person("staff-two-units", "sam", true, Set.of("records-staff"), Set.of("science/physics/2024-1", "law")));
        // Units that are a textual prefix of the targets' units but not a whole-segment one.
        all.add(person("staff-lookalike-units", "sam", true, Set.of("records-staff"),
                Set.of("science/physics/2024", "art")));
        all.add(person("staff-no-units", "sam", true, Set.of("records-staff"), Set.of()));
        all.add(person("admin", "ada", true, Set.of("records-admin"), Set.of()));
        all.add(new PrincipalSpec("admin-impersonated", "ada", INTERNAL_CLIENT, true, Set.of("records-admin"), Set.of(),
                Set.of(), List.of(), "root"));
        all.add(person("admin-and-staff", "ada", true, Set.of("records-admin", "records-staff"), Set.of("arts")));
        all.add(person("supervisor", "sue", true, Set.of("records-supervisor"), Set.of("science")));
        all.add(person("supervisor-and-staff", "sue", true, Set.of("records-supervisor", "records-staff"),
                Set.of("arts/history")));
        all.add(person("no-role", "nina", true, Set.of(), Set.of("science")));
        all.add(person("unknown-role", "nina", true, Set.of("offline_access"), Set.of("science")));
        all.add(service("service-physics", true, Set.of("science/physics"), List.of()));
        all.add(service("service-all-units", true, Set.of("*"), List.of()));
        all.add(service("service-no-units", true, Set.of(), List.of()));
        all.add(new PrincipalSpec("service-with-admin-role", null, INTERNAL_CLIENT, true, Set.of("records-admin"),
                Set.of(), Set.of(), List.of()));
        List<GrantSpec> everyKind = List.of(COVERING, NOT_COVERING, EXPIRED, REVOKED, UNAPPROVED, OTHER_PURPOSE,
                OTHER_CLIENT, BY_RECORD_ID, CONTACT_ONLY, EARLIER_TWIN);
        for (List<GrantSpec> grants : List.of(
                List.<GrantSpec>of(),
                List.of(COVERING),
                List.of(NOT_COVERING),
                List.of(EXPIRED),
                List.of(EXPIRING_NOW),
                List.of(REVOKED),
                List.of(UNAPPROVED),
                List.of(OTHER_PURPOSE),
                List.of(OTHER_CLIENT),
                List.of(CONTACT_ONLY),
                List.of(LOOKALIKE),
                List.of(COVERING, BY_RECORD_ID, EARLIER_TWIN),
                everyKind)) {
            String suffix = grants.isEmpty() ? "no-grant"
                    : grants.stream().map(GrantSpec::id).collect(Collectors.joining("+"));
            // The person behind the outside body is an administrator: that must add nothing.
            all.add(new PrincipalSpec("external-person-" + suffix, "ext-user", EXTERNAL_CLIENT, false,
                    Set.of("records-admin", "student"), Set.of("science"), Set.of("*"), grants));
        }
        all.add(service("external-service-no-grant", false, Set.of("*"), List.of()));
        all.add(service("external-service-covering", false, Set.of("*"), List.of(COVERING, NOT_COVERING)));
        all.add(new PrincipalSpec("external-student-with-grant", "alice", EXTERNAL_CLIENT, false, Set.of("student"),
                Set.of(), Set.of(), List.of(COVERING)));
        return all;
    }

    private static PrincipalSpec person(String name, String subject, boolean internal, Set<String> roles,
            Set<String> units) {
        return new PrincipalSpec(name, subject, internal ? INTERNAL_CLIENT : EXTERNAL_CLIENT, internal, roles, units,
                Set.of(), List.of());
    }

    private static PrincipalSpec service(String name, boolean internal, Set<String> clientUnits,
            List<GrantSpec> grants) {
        return new PrincipalSpec(name, null, internal ? INTERNAL_CLIENT : EXTERNAL_CLIENT, internal, Set.of(),
                Set.of(), clientUnits, grants);
    }

    static final List<String> READ_SCOPES = List.of("student.profile.read", "student.identity.read",
            "student.contact.read", "student.guardians.read");
    static final List<String> WRITE_SCOPES = List.of("student.profile.write", "student.identity.write",
            "student.contact.write", "student.guardians.write");
    static final List<String> OPERATION_SCOPES = List.of("student.search", "student.purge", "student.self",
            "student.admin");

    /**
     * A family of scope sets in which every relevant scope is on and off against every background:
     * each subset of the read scopes (with everything else on, off, or only search), each subset of
     * the write scopes (reads and operation scopes on), and each subset of the operation scopes
     * (group scopes on, and group scopes off).
     */
    static List<Set<String>> scopeSets() {
        Set<Set<String>> family = new LinkedHashSet<>();
        for (Set<String> reads : subsets(READ_SCOPES)) {
            family.add(union(reads, WRITE_SCOPES, OPERATION_SCOPES, List.of("student.audit")));
            family.add(union(reads));
            family.add(union(reads, List.of("student.search")));
        }
        for (Set<String> writes : subsets(WRITE_SCOPES)) {
            family.add(union(writes, READ_SCOPES, OPERATION_SCOPES));
        }
        for (Set<String> operations : subsets(OPERATION_SCOPES)) {
            family.add(union(operations, READ_SCOPES, WRITE_SCOPES));
            family.add(union(operations));
        }
        return List.copyOf(family);
    }

    static final List<Set<FieldGroup>> REQUESTED = List.of(
            EnumSet.noneOf(FieldGroup.class),
            EnumSet.of(FieldGroup.PROFILE),
            EnumSet.of(FieldGroup.IDENTITY),
            EnumSet.of(FieldGroup.CONTACT),
            EnumSet.of(FieldGroup.GUARDIANS),
            EnumSet.of(FieldGroup.CONTACT, FieldGroup.GUARDIANS),
            EnumSet.of(FieldGroup.PROFILE, FieldGroup.IDENTITY),
            EnumSet.allOf(FieldGroup.class));

    private static List<Set<String>> subsets(List<String> items) {
        List<Set<String>> subsets = new ArrayList<>();
        for (int mask = 0; mask < 1 << items.size(); mask++) {
            Set<String> subset = new TreeSet<>();
            for (int i = 0; i < items.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(items.get(i));
                }
            }
            subsets.add(subset);
        }
        return subsets;
    }

    @SafeVarargs
    private static Set<String> union(Collection<String>... parts) {
        Set<String> all = new TreeSet<>();
        for (Collection<String> part : parts) {
            all.addAll(part);
        }
        return Set.copyOf(all);
    }

    private MatrixFixtures() {
    }
}
