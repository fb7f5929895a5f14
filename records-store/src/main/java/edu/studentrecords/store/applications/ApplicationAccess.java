package edu.studentrecords.store.applications;

import edu.studentrecords.store.access.ClientTrust;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one application (a Keycloak client) may reach: its trust, the purposes it may declare, the units it acts for
 * when it acts for itself ({@code *}: all) and its {@code student.*} client scopes, default and optional. Immutable.
 *
 * @param clientId       the client's id; not null
 * @param trust          internal or external; not null
 * @param purposes       the purposes it may declare
 * @param units          the unit paths it acts for on its own ({@value #ALL_UNITS} for all)
 * @param defaultScopes  the {@code student.*} scopes every token of the client carries
 * @param optionalScopes the {@code student.*} scopes a token carries when asked for
 */
public record ApplicationAccess(String clientId, ClientTrust trust, Set<String> purposes, Set<String> units,
        Set<String> defaultScopes, Set<String> optionalScopes) {

    /** The unit that stands for every unit. */
    public static final String ALL_UNITS = "*";

    public ApplicationAccess {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(trust, "trust");
        purposes = ordered(purposes);
        units = ordered(units);
        defaultScopes = ordered(defaultScopes);
        optionalScopes = ordered(optionalScopes);
    }

    /** The same application with {@code other}'s settings: what a change asks for. */
    public ApplicationAccess withSettingsOf(ApplicationAccess other) {
        return new ApplicationAccess(clientId, other.trust, other.purposes, other.units, other.defaultScopes,
                other.optionalScopes);
    }

    /**
     * Whether this (the settings asked for) makes the application less protected than {@code before}: it becomes
     * internal, or, internal, it gains a purpose, a unit or a scope. An external client gets nothing without a grant,
     * so no change of its settings opens anything by itself.
     */
    public boolean widens(ApplicationAccess before) {
        if (trust != ClientTrust.INTERNAL) {
            return false;
        }
        if (before.trust != ClientTrust.INTERNAL) {
            return true;
        }
        boolean moreUnits = !before.units.contains(ALL_UNITS) && !before.units.containsAll(units);
        return moreUnits || !before.purposes.containsAll(purposes) || !before.scopes().containsAll(scopes());
    }

    /** Every {@code student.*} scope the client may have in a token, default or optional. */
    public Set<String> scopes() {
        Set<String> all = new LinkedHashSet<>(defaultScopes);
        all.addAll(optionalScopes);
        return all;
    }

    private static Set<String> ordered(Set<String> values) {
        return values == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
}
