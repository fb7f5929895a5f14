package edu.studentrecords.keycloak.auth;

import edu.studentrecords.keycloak.bootstrap.RealmBootstrap;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.access.ConsentCheck;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.Ward;
import edu.studentrecords.store.access.UnitPath;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.representations.AccessToken;

/**
 * Turns a verified access token and the facts about its user and client into the {@link AccessContext} the store
 * decides on.
 */
final class AccessContextMapping {

    private static final Logger LOG = Logger.getLogger(AccessContextMapping.class);

    private AccessContextMapping() {
    }

    /**
     * The context of one request.
     *
     * @param token       the verified access token; its {@code azp} names the client
     * @param facts       the user's and client's attributes and roles
     * @param purpose     the {@code Data-Purpose} header, or null
     * @param kind        through which door the request came
     * @param now         the instant of the request
     * @param grants      the access grants of the token's client (the decision keeps the active ones)
     * @param wards       the children the user is linked to as a guardian (for a guardian's call)
     * @param consents    how a student's consent is looked up, for grants relying on consent
     */
    static AccessContext toContext(AccessToken token, CallerFacts facts, String purpose, CallKind kind,
            Instant now, List<Grant> grants, List<Ward> wards, ConsentCheck consents) {
        String clientId = token.getIssuedFor();
        return AccessContext.builder()
                .subject(facts.serviceAccount() ? null : token.getSubject())
                .serviceAccount(facts.serviceAccount())
                .clientId(clientId)
                .clientTrust(ClientTrust.fromAttribute(facts.clientAttributes().get(ClientTrust.ATTRIBUTE)))
                .scopes(split(token.getScope(), " "))
                .roles(facts.realmRoles())
                .units(facts.userUnits())
                .clientUnits(units(Stream.ofNullable(facts.clientAttributes().get(AccessContext.CLIENT_UNITS_ATTRIBUTE)),
                        "client " + clientId))
                // A student on their own record and a guardian for their child act for the data subject and declare no
                // purpose: a header they send is not theirs to choose, and the trail (which the student reads as the
                // purpose of the access) never carries it.
                .purpose(kind == CallKind.DECLARED_PURPOSE ? purpose : null)
                .realmPurposes(facts.realmPurposes() == null
                        ? split(RealmBootstrap.DEFAULT_PURPOSES, ",")
                        : split(facts.realmPurposes(), ","))
                .clientPurposes(split(facts.clientAttributes().get(AccessContext.CLIENT_PURPOSES_ATTRIBUTE), ","))
                .grants(grants)
                .selfService(kind == CallKind.SELF_SERVICE)
                .guardianProxy(kind == CallKind.GUARDIAN)
                .wards(wards)
                .consents(consents)
                .rolePurposes(rolePurposes(facts.rolePurposes()))
                .impersonator(facts.impersonator())
                .unitDirectory(facts.unitDirectory())
                .now(now)
                .build();
    }

    private static Map<RealmRole, Set<String>> rolePurposes(Map<RealmRole, String> attributes) {
        Map<RealmRole, Set<String>> purposes = new EnumMap<>(RealmRole.class);
        attributes.forEach((role, text) -> purposes.put(role, split(text, ",")));
        return purposes;
    }

    /** The non-blank, trimmed parts of a separated list; empty for null. */
    static Set<String> split(String text, String separator) {
        if (text == null) {
            return Set.of();
        }
        return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Unit paths from attribute values that may each be comma-separated; a malformed path is skipped, not fatal. */
    private static Set<UnitPath> units(Stream<String> values, String owner) {
        Set<UnitPath> units = new LinkedHashSet<>();
        values.flatMap(v -> split(v, ",").stream()).forEach(text -> {
            try {
                units.add(UnitPath.parse(text));
            } catch (IllegalArgumentException e) {
                // A unit path names an organisational unit, never a person, so naming the holder is safe.
                LOG.warnf("Ignoring a malformed unit path in the attributes of %s", owner);
            }
        });
        return units;
    }
}
