package edu.studentrecords.store.access;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessDecision.Allowed;
import edu.studentrecords.store.access.AccessDecision.Basis;
import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.AccessDecision.Visibility;
import edu.studentrecords.store.access.MatrixFixtures.GrantSpec;
import edu.studentrecords.store.access.MatrixFixtures.PrincipalSpec;
import edu.studentrecords.store.access.MatrixFixtures.TargetSpec;
import edu.studentrecords.store.model.FieldGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every kind of caller, against every operation, target, requested groups, scope set, purpose and
 * self-service flag, compared with a reference model written here in another form: for each case the
 * model lists every requirement in order of precedence, and the expected outcome is the first one that
 * fails, or else groups computed by set intersection. The model reads the plain-data fixtures, never
 * the production types' logic (no {@code UnitPath.contains}, {@code Grant.covers} or {@code isActiveAt}).
 */
class AccessPolicyMatrixTest {

    private static final EnumSet<FieldGroup> ALL = EnumSet.allOf(FieldGroup.class);

    private final AccessPolicy policy = new AccessPolicy();

    /** The expected (or actual) outcome in one comparable shape. */
    record Outcome(boolean allowed, Set<FieldGroup> groups, Basis basis, String grantId, DenialReason reason,
            Visibility visibility) {
        static Outcome of(AccessDecision decision) {
            if (decision instanceof Allowed allowed) {
                return new Outcome(true, EnumSet.copyOf(allowed.groups()), allowed.basis(), allowed.grantId(), null,
                        null);
            }
            Denied denied = (Denied) decision;
            return new Outcome(false, Set.of(), null, null, denied.reason(), denied.visibility());
        }
    }

    @Test
    void everyDecisionAgreesWithTheReferenceModel() {
        List<String> examples = new ArrayList<>();
        long disagreements = 0;
        Map<DenialReason, Integer> reasonsSeen = new EnumMap<>(DenialReason.class);
        Map<Basis, Integer> basesSeen = new EnumMap<>(Basis.class);
        long compared = 0;
        for (PrincipalSpec principal : MatrixFixtures.principals()) {
            for (Set<String> scopes : MatrixFixtures.scopeSets()) {
                for (String purpose : MatrixFixtures.PURPOSES) {
                    for (boolean selfService : new boolean[] {false, true}) {
                        AccessContext ctx = principal.context(scopes, purpose, selfService);
                        for (Operation op : Operation.values()) {
                            for (TargetSpec target : targetsFor(op)) {
                                for (Set<FieldGroup> requested : MatrixFixtures.REQUESTED) {
                                    Outcome expected = expect(principal, op, target, requested, scopes, purpose,
                                            selfService);
                                    Outcome actual = Outcome.of(policy.decide(ctx, op,
                                            target == null ? null : target.toTarget(), requested));
                                    compared++;
                                    if (actual.allowed()) {
                                        basesSeen.merge(actual.basis(), 1, Integer::sum);
                                    } else {
                                        reasonsSeen.merge(actual.reason(), 1, Integer::sum);
                                    }
                                    if (!expected.equals(actual) && ++disagreements <= 20) {
                                        examples.add(String.format(Locale.ROOT,
                                                "%s %s on %s requesting %s, scopes %s, purpose %s, self %s:%n"
                                                        + "  expected %s%n  actual   %s",
                                                principal.name(), op, target == null ? "-" : target.name(),
                                                requested, scopes, purpose, selfService, expected, actual));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "Access matrix: %d cases compared with the reference model, %d disagreements%n",
                compared, disagreements);
        assertThat(examples).isEmpty();
        assertThat(compared).isGreaterThan(100_000);
        // The matrix reaches every rule of a decision on one operation: each reason and each basis occurs. The reasons
        // that judge a change before and after are reached by the model of writes (WriteDecisionModelTest); the one that
        // says who receives notices of changes is no decision on an operation (RecipientCheckTest).
        // A guardian's calls (the guardian endpoints, consents) are decided by their own rules, reached by
        // GuardianAccessTest.
        Set<DenialReason> ofChanges = EnumSet.of(DenialReason.MOVE_NOT_ALLOWED, DenialReason.LEAVER_CHANGE_REQUIRES_ADMIN,
                DenialReason.OPERATION_REQUIRES_CLIENT);
        Set<DenialReason> ofGuardians = EnumSet.of(DenialReason.NOT_A_GUARDIAN, DenialReason.NOT_LINKED_GUARDIAN,
                DenialReason.PROXY_ENDED, DenialReason.GROUP_NOT_EDITABLE_BY_GUARDIAN,
                DenialReason.GUARDIAN_CONSENT_REQUIRED, DenialReason.STUDENT_CONSENTS_THEMSELVES);
        ofChanges.addAll(ofGuardians);
        assertThat(reasonsSeen.keySet()).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.copyOf(ofChanges)));
        assertThat(basesSeen.keySet()).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(Basis.GUARDIAN)));
    }

    private static List<TargetSpec> targetsFor(Operation op) {
        List<TargetSpec> targets = new ArrayList<>();
        if (op == Operation.CREATE || op == Operation.SEARCH) {
            targets.add(null);
        }
        if (op != Operation.CREATE) {
            targets.addAll(MatrixFixtures.TARGETS);
        }
        return targets;
    }

    /** Collects requirements in order of precedence; the first one that fails decides. */
    private static final class Requirements {
        private Outcome firstFailure;

        void require(boolean holds, DenialReason reason, Visibility visibility) {
            if (!holds && firstFailure == null) {
                firstFailure = new Outcome(false, Set.of(), null, null, reason, visibility);
            }
        }

        Outcome orElse(Set<FieldGroup> groups, Basis basis, String grantId) {
            return firstFailure != null ? firstFailure
                    : new Outcome(true, EnumSet.copyOf(groups), basis, grantId, null, null);
        }
    }

    private static final Visibility F = Visibility.FORBIDDEN;
    private static final Visibility NF = Visibility.NOT_FOUND;

    static Outcome expect(PrincipalSpec p, Operation op, TargetSpec t, Set<FieldGroup> requested,
            Set<String> scopes, String purpose, boolean selfService) {
        Requirements r = new Requirements();
        boolean namesGroups = op == Operation.READ || op == Operation.UPDATE || op == Operation.EXPORT;
        boolean onOneRecord = namesGroups || op == Operation.PURGE;
        Set<FieldGroup> readScoped = scoped(scopes, "read");
        Set<FieldGroup> writeScoped = scoped(scopes, "write");
        boolean person = p.subject() != null;
        boolean mayList = scopes.contains("student.search") && scopes.contains("student.profile.read");

        r.require(!(namesGroups && requested.isEmpty()), DenialReason.NO_GROUPS_REQUESTED, F);
        // A session under impersonation reads and searches; it changes, enrols, exports and destroys nothing.
        r.require(p.impersonator() == null || op == Operation.READ || op == Operation.SEARCH,
                DenialReason.IMPERSONATED, F);

        if (selfService) {
            r.require(person && p.roles().contains("student"), DenialReason.NOT_AUTHENTICATED_AS_STUDENT, F);
            r.require(scopes.contains("student.self"), DenialReason.SCOPE_MISSING, F);
            r.require(p.internal(), DenialReason.CLIENT_NOT_INTERNAL, F);
            r.require(op == Operation.READ || op == Operation.EXPORT || op == Operation.UPDATE,
                    DenialReason.OPERATION_NOT_SELF_SERVICE, F);
            r.require(op != Operation.UPDATE
                            || !(requested.contains(FieldGroup.PROFILE) || requested.contains(FieldGroup.IDENTITY)),
                    DenialReason.GROUP_NOT_SELF_EDITABLE, F);
            r.require(t != null && p.subject() != null && p.subject().equals(t.owner()), DenialReason.NOT_OWN_RECORD,
                    NF);
            return r.orElse(requested, Basis.SELF, null);
        }

        r.require(purpose != null, DenialReason.PURPOSE_MISSING, F);
        r.require(purpose == null || MatrixFixtures.REALM_PURPOSES.contains(purpose), DenialReason.PURPOSE_UNKNOWN, F);
        r.require(!p.internal() || purpose == null || MatrixFixtures.CLIENT_PURPOSES.contains(purpose),
                DenialReason.PURPOSE_NOT_ALLOWED_FOR_CLIENT, F);
        r.require(!roleLimitsPurpose(p, purpose), DenialReason.PURPOSE_NOT_ALLOWED_FOR_ROLE, F);

        if (!p.internal()) {
            return expectUnderGrants(r, p, op, t, requested, readScoped, purpose, mayList);
        }

        // Which units the principal sees; "*" is every unit; null means it sees none.
        Set<String> seen;
        Basis basis;
        DenialReason blindness = DenialReason.NO_ROLE;
        boolean admin = false;
        if (!person) {
            seen = p.clientUnits().isEmpty() ? null : p.clientUnits();
            basis = Basis.CLIENT;
        } else if (p.roles().contains("records-admin")) {
            seen = Set.of("*");
            basis = Basis.ADMIN;
            admin = true;
        } else if (p.roles().contains("records-staff")) {
            seen = p.units();
            basis = Basis.STAFF;
        } else {
            seen = null;
            basis = null;
            if (p.roles().contains("records-supervisor")) {
                blindness = DenialReason.SUPERVISOR_NO_RECORD_ACCESS;
            }
        }
        r.require(seen != null, blindness, onOneRecord ? NF : F);
        boolean sees = seen != null && t != null && seen.stream().anyMatch(unit -> under(t.unit(), unit));

        switch (op) {
            case CREATE -> {
                r.require(admin, DenialReason.OPERATION_REQUIRES_ADMIN, F);
                r.require(scopes.contains("student.admin"), DenialReason.SCOPE_MISSING, F);
                return r.orElse(ALL, basis, null);
            }
            case SEARCH -> {
                r.require(mayList, DenialReason.SCOPE_MISSING, F);
                r.require(t == null || sees, DenialReason.OUTSIDE_UNITS, NF);
                return r.orElse(EnumSet.of(FieldGroup.PROFILE), basis, null);
            }
            case READ -> {
                r.require(sees, DenialReason.OUTSIDE_UNITS, NF);
                Set<FieldGroup> groups = intersection(requested, readScoped);
                r.require(!groups.isEmpty(), DenialReason.SCOPE_MISSING, F);
                return r.orElse(groups, basis, null);
            }
            case EXPORT -> {
                r.require(sees, DenialReason.OUTSIDE_UNITS, NF);
                r.require(admin, DenialReason.OPERATION_REQUIRES_ADMIN, F);
                Set<FieldGroup> groups = intersection(requested, readScoped);
                r.require(!groups.isEmpty(), DenialReason.SCOPE_MISSING, F);
                return r.orElse(groups, basis, null);
            }
            case UPDATE -> {
                r.require(sees, DenialReason.OUTSIDE_UNITS, NF);
                // Only the centre changes profile and identity, whatever the token's scopes.
                r.require(admin || !(requested.contains(FieldGroup.PROFILE) || requested.contains(FieldGroup.IDENTITY)),
                        DenialReason.GROUP_NOT_WRITABLE_BY_ROLE, F);
                r.require(writeScoped.containsAll(requested), DenialReason.SCOPE_MISSING, F);
                return r.orElse(requested, basis, null);
            }
            case PURGE -> {
                r.require(sees, DenialReason.OUTSIDE_UNITS, NF);
                r.require(admin, DenialReason.OPERATION_REQUIRES_ADMIN, F);
                r.require(scopes.contains("student.purge"), DenialReason.SCOPE_MISSING, F);
                return r.orElse(ALL, basis, null);
            }
            default -> throw new AssertionError(op);
        }
    }

    /**
     * Whether the realm's purposes per role refuse the purpose: a person holding the product's roles, none of which is
     * unlimited or allows it.
     */
    private static boolean roleLimitsPurpose(PrincipalSpec p, String purpose) {
        if (p.subject() == null || purpose == null) {
            return false;
        }
        List<RealmRole> held = Arrays.stream(RealmRole.values()).filter(role -> p.roles().contains(role.roleName()))
                .toList();
        return !held.isEmpty() && held.stream().noneMatch(role -> !MatrixFixtures.ROLE_PURPOSES.containsKey(role)
                || MatrixFixtures.ROLE_PURPOSES.get(role).contains(purpose));
    }

    private static Outcome expectUnderGrants(Requirements r, PrincipalSpec p, Operation op, TargetSpec t,
            Set<FieldGroup> requested, Set<FieldGroup> readScoped, String purpose, boolean mayList) {
        List<GrantSpec> usable = p.grants().stream()
                .filter(g -> g.clientId().equals(p.clientId()))
                .filter(g -> g.purpose().equals(purpose))
                .filter(g -> g.approved() && !g.revoked() && MatrixFixtures.NOW.compareTo(g.expiresAt()) < 0)
                .toList();
        r.require(!usable.isEmpty(), DenialReason.NO_ACTIVE_GRANT, F);
        List<GrantSpec> covering = t == null ? List.of()
                : usable.stream().filter(g -> namesRecord(g, t)).toList();
        switch (op) {
            case CREATE -> {
                r.require(false, DenialReason.OPERATION_NOT_GRANTABLE, F);
                return r.orElse(ALL, null, null);
            }
            case UPDATE, EXPORT, PURGE -> {
                r.require(!covering.isEmpty(), DenialReason.GRANT_DOES_NOT_COVER, NF);
                r.require(false, DenialReason.OPERATION_NOT_GRANTABLE, F);
                return r.orElse(ALL, null, null);
            }
            case READ -> {
                r.require(!covering.isEmpty(), DenialReason.GRANT_DOES_NOT_COVER, NF);
                Set<FieldGroup> granted = EnumSet.noneOf(FieldGroup.class);
                covering.forEach(g -> granted.addAll(g.groups()));
                Set<FieldGroup> wanted = intersection(granted, requested);
                r.require(!wanted.isEmpty(), DenialReason.GROUP_NOT_GRANTED, F);
                Set<FieldGroup> groups = intersection(wanted, readScoped);
                r.require(!groups.isEmpty(), DenialReason.SCOPE_MISSING, F);
                return r.orElse(groups, Basis.GRANT, covering.isEmpty() ? null : firstNamed(covering));
            }
            case SEARCH -> {
                r.require(mayList, DenialReason.SCOPE_MISSING, F);
                List<GrantSpec> withProfile = usable.stream().filter(g -> g.groups().contains(FieldGroup.PROFILE))
                        .toList();
                r.require(!withProfile.isEmpty(), DenialReason.GROUP_NOT_GRANTED, F);
                List<GrantSpec> relied = t == null ? withProfile
                        : withProfile.stream().filter(g -> namesRecord(g, t)).toList();
                r.require(!relied.isEmpty(), DenialReason.GRANT_DOES_NOT_COVER, NF);
                return r.orElse(EnumSet.of(FieldGroup.PROFILE), Basis.GRANT,
                        relied.isEmpty() ? null : firstNamed(relied));
            }
            default -> throw new AssertionError(op);
        }
    }

    /** Most groups first, then the earliest expiry, then the smallest id. */
    private static String firstNamed(List<GrantSpec> grants) {
        return grants.stream()
                .sorted(Comparator.comparing((GrantSpec g) -> -g.groups().size())
                        .thenComparing(GrantSpec::expiresAt)
                        .thenComparing(GrantSpec::id))
                .findFirst().orElseThrow().id();
    }

    private static boolean namesRecord(GrantSpec grant, TargetSpec t) {
        return grant.recordIds().contains(t.id()) || grant.units().stream().anyMatch(unit -> under(t.unit(), unit));
    }

    /** Whether {@code unit} is {@code ancestor} or below it, comparing whole segments as text. */
    private static boolean under(String unit, String ancestor) {
        return ancestor.equals("*") || unit.equals(ancestor) || unit.startsWith(ancestor + "/");
    }

    /** The groups whose scope {@code student.<group>.<access>} is among the scopes. */
    private static Set<FieldGroup> scoped(Set<String> scopes, String access) {
        Set<FieldGroup> groups = EnumSet.noneOf(FieldGroup.class);
        Arrays.stream(FieldGroup.values())
                .filter(g -> scopes.contains("student." + g.name().toLowerCase(Locale.ROOT) + "." + access))
                .forEach(groups::add);
        return groups;
    }

    private static Set<FieldGroup> intersection(Set<FieldGroup> a, Set<FieldGroup> b) {
        Set<FieldGroup> both = a.isEmpty() ? EnumSet.noneOf(FieldGroup.class) : EnumSet.copyOf(a);
        both.retainAll(b);
        return both;
    }
}
