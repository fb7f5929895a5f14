package edu.studentrecords.keycloak.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The extension's side of the one gate: it turns a token into an access context and hands it to the store, which
 * decides. No class of the extension asks the access policy, reads a decision, or judges the caller's roles and
 * scopes itself, and none reaches into the store's or the index's internals.
 */
class ExtensionLayeringTest {

    private static JavaClasses extension;

    @BeforeAll
    static void importExtension() {
        extension = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("edu.studentrecords.keycloak");
    }

    /** A decision's basis names who reaches a record (the account console lists them); a decision is never seen. */
    @Test
    void noEndpointDecidesAccessItself() {
        noClasses().should().dependOnClassesThat().belongToAnyOf(AccessPolicy.class)
                .orShould().dependOnClassesThat().belongToAnyOf(AccessDecision.Allowed.class,
                        AccessDecision.Denied.class)
                .orShould().dependOnClassesThat().areAssignableTo(AccessDecision.class)
                .because("the store's gate decides every access and writes its audit entry; a second decision in "
                        + "the extension would go unaudited")
                .check(extension);
    }

    @Test
    void noEndpointJudgesTheCallersRolesOrScopes() {
        noClasses().should().callMethodWhere(namedOn(AccessContext.class, Set.of("hasRole", "hasScope")))
                .because("what a role or a scope allows is the store's rule, in one place")
                .check(extension);
    }

    @Test
    void theExtensionUsesOnlyThePublicPackagesOfTheStoreAndTheIndex() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("edu.studentrecords.store.internal..",
                "edu.studentrecords.search.internal..")
                .check(extension);
    }

    private static DescribedPredicate<JavaCall<?>> namedOn(Class<?> owner, Set<String> names) {
        return DescribedPredicate.describe("a method " + names + " of " + owner.getSimpleName(),
                call -> call.getTargetOwner().isEquivalentTo(owner) && names.contains(call.getName()));
    }
}
