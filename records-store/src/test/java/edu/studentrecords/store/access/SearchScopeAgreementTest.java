package edu.studentrecords.store.access;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessDecision.Allowed;
import edu.studentrecords.store.access.AccessDecision.Denied;
import edu.studentrecords.store.access.MatrixFixtures.PrincipalSpec;
import edu.studentrecords.store.access.MatrixFixtures.TargetSpec;
import edu.studentrecords.store.model.FieldGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link AccessPolicy#searchScope} matches exactly the records {@code decide(SEARCH)} allows. */
class SearchScopeAgreementTest {

    private static final Set<FieldGroup> PROFILE = Set.of(FieldGroup.PROFILE);
    private static final List<String> SEGMENTS = List.of("science", "sci", "physics", "2024-1", "arts", "law");
    private static final List<String> RECORD_IDS = List.of("r-own", "r-listed", "r-other");

    private static final List<Set<String>> SCOPE_SETS = List.of(
            Set.of("student.search", "student.profile.read", "student.contact.read", "student.self"),
            Set.of("student.search", "student.contact.read", "student.self"),
            Set.of("student.profile.read", "student.self"),
            Set.of());

    private final AccessPolicy policy = new AccessPolicy();

    @Test
    void searchScopeAgreesWithDecideForEveryTarget() {
        List<AccessTarget> targets = targets();
        List<String> disagreements = new ArrayList<>();
        long compared = 0;
        for (PrincipalSpec principal : MatrixFixtures.principals()) {
            for (Set<String> scopes : SCOPE_SETS) {
                for (String purpose : MatrixFixtures.PURPOSES) {
                    for (boolean selfService : new boolean[] {false, true}) {
                        AccessContext ctx = principal.context(scopes, purpose, selfService);
                        SearchScope scope = policy.searchScope(ctx);
                        AccessDecision whole = policy.decide(ctx, Operation.SEARCH, null, PROFILE);
                        check(disagreements, ctx, null, scope, whole);
                        for (AccessTarget target : targets) {
                            check(disagreements, ctx, target, scope,
                                    policy.decide(ctx, Operation.SEARCH, target, PROFILE));
                            compared++;
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "Search scope: %d hits compared with decide, %d disagreements%n", compared,
                disagreements.size());
        assertThat(disagreements).isEmpty();
        assertThat(compared).isGreaterThan(100_000);
    }

    private static void check(List<String> disagreements, AccessContext ctx, AccessTarget target, SearchScope scope,
            AccessDecision decision) {
        boolean agrees;
        if (scope instanceof SearchScope.Refused refused) {
            agrees = decision instanceof Denied denied && denied.reason() == refused.reason();
        } else {
            SearchScope.Matching matching = (SearchScope.Matching) scope;
            boolean hit = target == null || matching.matches(target);
            agrees = hit
                    ? decision instanceof Allowed allowed && allowed.groups().equals(matching.groups())
                            && allowed.basis() == matching.basis()
                    : decision instanceof Denied;
        }
        if (!agrees && disagreements.size() < 20) {
            disagreements.add(ctx + " on " + target + ": scope " + scope + " but decision " + decision);
        }
    }

    /** The fixture targets plus records in every unit up to three levels deep over a small vocabulary. */
    private static List<AccessTarget> targets() {
        List<AccessTarget> targets = new ArrayList<>();
        MatrixFixtures.TARGETS.stream().map(TargetSpec::toTarget).forEach(targets::add);
        List<String> units = new ArrayList<>(SEGMENTS);
        for (String first : SEGMENTS) {
            for (String second : SEGMENTS) {
                units.add(first + "/" + second);
                for (String third : SEGMENTS) {
                    units.add(first + "/" + second + "/" + third);
                }
            }
        }
        for (String unit : units) {
            for (String id : RECORD_IDS) {
                targets.add(new AccessTarget(id, "alice", UnitPath.parse(unit)));
            }
        }
        return targets;
    }

    @Test
    void adminSearchesAllUnitsAndStaffTheirOwn() {
        AccessContext.Builder base = AccessContext.builder().clientId(MatrixFixtures.INTERNAL_CLIENT)
                .clientTrust(ClientTrust.INTERNAL).purpose("teaching").realmPurposes(MatrixFixtures.REALM_PURPOSES)
                .clientPurposes(MatrixFixtures.CLIENT_PURPOSES).scopes(Set.of("student.search", "student.profile.read"))
                .now(MatrixFixtures.NOW);

        SearchScope admin = policy.searchScope(base.subject("ada").roles(Set.of("records-admin")).build());
        SearchScope staff = policy.searchScope(base.subject("sam").roles(Set.of("records-staff"))
                .units(Set.of(UnitPath.parse("science/physics"))).build());

        assertThat(admin).isEqualTo(new SearchScope.Matching(AccessDecision.Basis.ADMIN, PROFILE, true, Set.of(),
                Set.of()));
        assertThat(staff).isEqualTo(new SearchScope.Matching(AccessDecision.Basis.STAFF, PROFILE, false,
                Set.of(UnitPath.parse("science/physics")), Set.of()));
    }

    @Test
    void externalClientSearchesWhatItsProfileGrantsName() {
        AccessContext ctx = MatrixFixtures.principals().stream()
                .filter(p -> p.name().equals("external-person-g-covering+g-by-id+g-earlier-twin")).findFirst()
                .orElseThrow()
                .context(Set.of("student.search", "student.profile.read"), "teaching", false);

        assertThat(policy.searchScope(ctx)).isEqualTo(new SearchScope.Matching(AccessDecision.Basis.GRANT, PROFILE,
                false, Set.of(UnitPath.parse("science/physics"), UnitPath.parse("science/physics/2024-1")),
                Set.of("r-listed", "r-own")));
    }
}
