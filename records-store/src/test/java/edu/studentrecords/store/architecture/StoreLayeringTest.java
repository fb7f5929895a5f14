package edu.studentrecords.store.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessPolicy;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store's layering, as rules on its compiled classes: one gate decides access, the public packages expose no
 * internal type, and the store knows nothing of Keycloak or HTTP. Each rule names what a change that breaks it did.
 */
class StoreLayeringTest {

    private static final String GATE = "edu.studentrecords.store.internal.gate..";
    private static final String ACCESS = "edu.studentrecords.store.access..";
    private static final String INTERNAL = "edu.studentrecords.store.internal..";

    private static JavaClasses store;

    @BeforeAll
    static void importStore() {
        store = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("edu.studentrecords.store");
    }

    /** Every decision on access is taken by the gate, which also writes its audit entry: nothing else asks the policy. */
    @Test
    void onlyTheGateAsksTheAccessPolicy() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(GATE, ACCESS)
                .should().callCodeUnitWhere(ownedBy(AccessPolicy.class))
                .because("a decision taken outside the gate would be taken without its audit entry");
        rule.check(store);
    }

    /** The caller's roles and scopes are facts for the gate to judge; a service that tests them decides on its own. */
    @Test
    void onlyTheGateLooksAtTheCallersRolesAndScopes() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(GATE, ACCESS)
                .should().callMethodWhere(namedOn(AccessContext.class, Set.of("hasRole", "hasScope", "roles",
                        "scopes")))
                .because("services ask the gate for a pass; they do not judge the caller themselves");
        rule.check(store);
    }

    /** The store is a library any host can use: it imports nothing of Keycloak or of an HTTP API. */
    @Test
    void theStoreKnowsNothingOfKeycloakOrHttp() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "jakarta.ws.rs..")
                .check(store);
    }

    /** What the host sees of the store is its public packages; an internal type in a public signature leaks. */
    @Test
    void publicSignaturesExposeNoInternalType() {
        ArchRuleDefinition.classes().that().resideOutsideOfPackage(INTERNAL).and().arePublic()
                .should(exposeNoInternalType())
                .check(store);
    }

    private static DescribedPredicate<JavaCall<?>> namedOn(Class<?> owner, Set<String> names) {
        return DescribedPredicate.describe("a method " + names + " of " + owner.getSimpleName(),
                call -> call.getTargetOwner().isEquivalentTo(owner) && names.contains(call.getName()));
    }

    private static DescribedPredicate<JavaCall<?>> ownedBy(Class<?> owner) {
        return DescribedPredicate.describe("a method or constructor of " + owner.getSimpleName(),
                call -> call.getTargetOwner().isEquivalentTo(owner));
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no internal type in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Stream<JavaCodeUnit> codeUnits = type.getCodeUnits().stream().filter(StoreLayeringTest::visible);
                codeUnits.forEach(unit -> {
                    Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
                            .filter(StoreLayeringTest::internal)
                            .forEach(leaked -> events.add(SimpleConditionEvent.violated(unit,
                                    unit.getFullName() + " exposes " + leaked.getName())));
                });
                type.getFields().stream().filter(StoreLayeringTest::visible).filter(f -> internal(f.getRawType()))
                        .forEach(f -> events.add(SimpleConditionEvent.violated(f,
                                f.getFullName() + " exposes " + f.getRawType().getName())));
            }
        };
    }

    private static boolean visible(JavaCodeUnit unit) {
        return unit.getModifiers().contains(JavaModifier.PUBLIC) || unit.getModifiers().contains(JavaModifier.PROTECTED);
    }

    private static boolean visible(JavaField field) {
        return field.getModifiers().contains(JavaModifier.PUBLIC) || field.getModifiers().contains(JavaModifier.PROTECTED);
    }

    private static boolean internal(JavaClass type) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        return base.getPackageName().startsWith("edu.studentrecords.store.internal");
    }
}
