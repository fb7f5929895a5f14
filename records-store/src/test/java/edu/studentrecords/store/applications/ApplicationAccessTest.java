package edu.studentrecords.store.applications;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.ClientTrust;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which changes of an application's settings make it less protected, and so need a second administrator. */
class ApplicationAccessTest {

    private static final ApplicationAccess LIBRARY = new ApplicationAccess("library-app", ClientTrust.INTERNAL,
            Set.of("library-services"), Set.of("science/physics"), Set.of("student.profile.read"), Set.of());
    private static final ApplicationAccess BUREAU = new ApplicationAccess("bureau", ClientTrust.EXTERNAL,
            Set.of("statistics"), Set.of(), Set.of("student.profile.read"), Set.of());

    @Test
    void turningAClientInternalWidensIt() {
        assertThat(BUREAU.withSettingsOf(LIBRARY).widens(BUREAU)).isTrue();
    }

    @Test
    void anInternalClientGainingAUnitAScopeOrAPurposeWidens() {
        assertThat(with(Set.of("library-services"), Set.of("science"), Set.of("student.profile.read"), Set.of())
                .widens(LIBRARY)).as("a wider unit").isTrue();
        assertThat(with(Set.of("library-services"), Set.of("*"), Set.of("student.profile.read"), Set.of())
                .widens(LIBRARY)).as("all units").isTrue();
        assertThat(with(Set.of("library-services"), Set.of("science/physics"), Set.of("student.profile.read"),
                Set.of("student.contact.read")).widens(LIBRARY)).as("an optional scope").isTrue();
        assertThat(with(Set.of("library-services", "teaching"), Set.of("science/physics"),
                Set.of("student.profile.read"), Set.of()).widens(LIBRARY)).as("a purpose").isTrue();
    }

    @Test
    void narrowingOrTurningExternalDoesNotWiden() {
        assertThat(LIBRARY.withSettingsOf(BUREAU).widens(LIBRARY)).as("turning external").isFalse();
        assertThat(with(Set.of("library-services"), Set.of(), Set.of(), Set.of()).widens(LIBRARY)).isFalse();
        assertThat(with(Set.of("library-services"), Set.of("science/physics"), Set.of(),
                Set.of("student.profile.read")).widens(LIBRARY)).as("a default scope made optional").isFalse();
        assertThat(BUREAU.withSettingsOf(new ApplicationAccess("x", ClientTrust.EXTERNAL, Set.of("teaching"),
                Set.of("*"), Set.of("student.contact.read"), Set.of())).widens(BUREAU))
                .as("an external client opens nothing without a grant").isFalse();
    }

    @Test
    void aClientOfAllUnitsGainsNoUnit() {
        ApplicationAccess all = with(Set.of("library-services"), Set.of("*"), Set.of("student.profile.read"), Set.of());
        assertThat(with(Set.of("library-services"), Set.of("science"), Set.of("student.profile.read"), Set.of())
                .widens(all)).isFalse();
    }

    private static ApplicationAccess with(Set<String> purposes, Set<String> units, Set<String> defaults,
            Set<String> optional) {
        return new ApplicationAccess("library-app", ClientTrust.INTERNAL, purposes, units, defaults, optional);
    }
}
