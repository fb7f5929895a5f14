package edu.studentrecords.store.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the access decision knows about a request, built by the caller from a verified access
 * token, the client's attributes, the realm's settings and the client's grants.
 *
 * <p>Exactly one of these holds: a person acts ({@code subject} is set, {@code serviceAccount} is
 * false), or a client acts for itself ({@code subject} is null, {@code serviceAccount} is true).
 *
 * <p>Immutable and thread-safe; every collection is unmodifiable and free of nulls. {@link #toString()}
 * prints ids, scopes, roles, units and purposes, never personal data, and grants by id only.
 *
 * @param subject the Keycloak user id of the person; null when a client acts for itself
 * @param serviceAccount whether a client acts for itself (client credentials)
 * @param clientId the Keycloak client id the token was issued to; not blank
 * @param clientTrust the client's trust level; not null
 * @param scopes the token's scopes
 * @param roles the person's realm role names; ignored for a service account
 * @param units the person's organisational units
 * @param clientUnits the client's units from its attribute {@code student-records.units}, where
 *     {@link UnitPath#ALL} means every unit
 * @param purpose the declared purpose from the {@code Data-Purpose} header; null when absent (a blank
 *     header counts as absent)
 * @param realmPurposes the purposes the realm knows
 * @param clientPurposes the purposes the client may declare, from its attribute
 *     {@code student-records.purposes}
 * @param grants the grants issued to this client, in any state; a grant of another client is ignored
 * @param selfService whether the request came through the {@code /me} endpoints
 * @param now the instant of the request, against which grants are checked; not null
 * @param impersonator the Keycloak user id of the administrator impersonating the person, or null: a session under
 *     impersonation never exercises a duty, and every audit entry it leaves names the impersonator
 * @param rolePurposes the purposes the realm allows each role to declare; a role without an entry is not limited
 *     (the client's purposes still are)
 * @param unitDirectory the realm's units, where a record may be placed; {@link UnitDirectory#NONE} by default
 * @param ledger the audit entries this call has left; a new one for every context built
 * @param guardianProxy whether the request came through the guardian endpoints ({@code /guardian/children}): the
 *     person acts for a child they are linked to
 * @param wards the children the person is linked to as a guardian, with their dates of birth as the records hold them
 *     now; empty unless {@code guardianProxy}
 * @param consents whether a student's consent for a purpose is given now, for grants relying on consent
 */
public record AccessContext(
        String subject,
        boolean serviceAccount,
        String clientId,
        ClientTrust clientTrust,
        Set<String> scopes,
        Set<String> roles,
        Set<UnitPath> units,
        Set<UnitPath> clientUnits,
        String purpose,
        Set<String> realmPurposes,
        Set<String> clientPurposes,
        List<Grant> grants,
        boolean selfService,
        Instant now,
        String impersonator,
        Map<RealmRole, Set<String>> rolePurposes,
        UnitDirectory unitDirectory,
        CallLedger ledger,
        boolean guardianProxy,
        List<Ward> wards,
        ConsentCheck consents) {

    /** The client attribute that lists a client's units. */
    public static final String CLIENT_UNITS_ATTRIBUTE = "student-records.units";
    /** The client attribute that lists a client's purposes. */
    public static final String CLIENT_PURPOSES_ATTRIBUTE = "student-records.purposes";
    /** The request header that declares the purpose. */
    public static final String PURPOSE_HEADER = "Data-Purpose";

    /** Validates the components and copies the collections. */
    public AccessContext {
        if (subject != null && subject.isBlank()) {
            throw new IllegalArgumentException("subject must be null or not blank");
        }
        if (serviceAccount == (subject != null)) {
            throw new IllegalArgumentException(
                    "either a person acts (subject set) or the client acts for itself (serviceAccount)");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        Objects.requireNonNull(clientTrust, "clientTrust");
        scopes = Set.copyOf(scopes);
        roles = Set.copyOf(roles);
        units = Set.copyOf(units);
        clientUnits = Set.copyOf(clientUnits);
        purpose = purpose == null || purpose.isBlank() ? null : purpose;
        realmPurposes = Set.copyOf(realmPurposes);
        clientPurposes = Set.copyOf(clientPurposes);
        grants = List.copyOf(grants);
        Objects.requireNonNull(now, "now");
        if (impersonator != null && impersonator.isBlank()) {
            throw new IllegalArgumentException("impersonator must be null or not blank");
        }
        rolePurposes = rolePurposes.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        Objects.requireNonNull(unitDirectory, "unitDirectory");
        Objects.requireNonNull(ledger, "ledger");
        if (selfService && guardianProxy) {
            throw new IllegalArgumentException("a request is self service or a guardian's, not both");
        }
        wards = List.copyOf(wards);
        Objects.requireNonNull(consents, "consents");
    }

    /** The child with this record the person is linked to as a guardian, if any. */
    public Optional<Ward> ward(String recordId) {
        return wards.stream().filter(w -> w.recordId().equals(recordId)).findFirst();
    }

    /** Whether the session is under impersonation: an administrator acting as the person. */
    public boolean impersonated() {
        return impersonator != null;
    }

    /** A builder: no person, external client, empty collections, no purpose, not self service. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the token carries the scope. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Whether the token carries the scope. */
    public boolean hasScope(StudentScope scope) {
        return scopes.contains(scope.scopeName());
    }

    /** Whether the person holds the realm role; always false for a service account. */
    public boolean hasRole(RealmRole role) {
        return !serviceAccount && roles.contains(role.roleName());
    }

    @Override
    public String toString() {
        return "AccessContext[subject=" + subject
                + ", serviceAccount=" + serviceAccount
                + ", clientId=" + clientId
                + ", clientTrust=" + clientTrust
                + ", scopes=" + scopes
                + ", roles=" + roles
                + ", units=" + units
                + ", clientUnits=" + clientUnits
                + ", purpose=" + purpose
                + ", realmPurposes=" + realmPurposes
                + ", clientPurposes=" + clientPurposes
                + ", grants=" + grants.stream().map(Grant::id).collect(Collectors.toList())
                + ", selfService=" + selfService
                + ", now=" + now
                + ", impersonator=" + impersonator
                + ", rolePurposes=" + rolePurposes
                + ", guardianProxy=" + guardianProxy
                + ", wards=" + wards.stream().map(Ward::recordId).collect(Collectors.toList())
                + "]";
    }

    /** Collects a context's values; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private String subject;
        private boolean serviceAccount;
        private String clientId;
        private ClientTrust clientTrust = ClientTrust.EXTERNAL;
        private Set<String> scopes = Set.of();
        private Set<String> roles = Set.of();
        private Set<UnitPath> units = Set.of();
        private Set<UnitPath> clientUnits = Set.of();
        private String purpose;
        private Set<String> realmPurposes = Set.of();
        private Set<String> clientPurposes = Set.of();
        private List<Grant> grants = List.of();
        private boolean selfService;
        private Instant now;
        private String impersonator;
        private Map<RealmRole, Set<String>> rolePurposes = Map.of();
        private UnitDirectory unitDirectory = UnitDirectory.NONE;
        private boolean guardianProxy;
        private List<Ward> wards = List.of();
        private ConsentCheck consents = ConsentCheck.NONE;

        private Builder() {
        }

        /** Sets the person's user id; leave null for a service account. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** Sets whether the client acts for itself. */
        public Builder serviceAccount(boolean serviceAccount) {
            this.serviceAccount = serviceAccount;
            return this;
        }

        /** Sets the client id. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** Sets the client's trust level (default {@link ClientTrust#EXTERNAL}). */
        public Builder clientTrust(ClientTrust clientTrust) {
            this.clientTrust = clientTrust;
            return this;
        }

        /** Sets the token's scopes. */
        public Builder scopes(Set<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        /** Sets the person's realm roles. */
        public Builder roles(Set<String> roles) {
            this.roles = roles;
            return this;
        }

        /** Sets the person's units. */
        public Builder units(Set<UnitPath> units) {
            this.units = units;
            return this;
        }

        /** Sets the client's units. */
        public Builder clientUnits(Set<UnitPath> clientUnits) {
            this.clientUnits = clientUnits;
            return this;
        }

        /** Sets the declared purpose; null when the header is absent. */
        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        /** Sets the realm's purposes. */
        public Builder realmPurposes(Set<String> realmPurposes) {
            this.realmPurposes = realmPurposes;
            return this;
        }

        /** Sets the client's purposes. */
        public Builder clientPurposes(Set<String> clientPurposes) {
            this.clientPurposes = clientPurposes;
            return this;
        }

        /** Sets the client's grants. */
        public Builder grants(List<Grant> grants) {
            this.grants = grants;
            return this;
        }

        /** Sets whether the request came through {@code /me}. */
        public Builder selfService(boolean selfService) {
            this.selfService = selfService;
            return this;
        }

        /** Sets the instant of the request. */
        public Builder now(Instant now) {
            this.now = now;
            return this;
        }

        /** Sets the administrator impersonating the person; null when not impersonated. */
        public Builder impersonator(String impersonator) {
            this.impersonator = impersonator;
            return this;
        }

        /** Sets the purposes each role may declare. */
        public Builder rolePurposes(Map<RealmRole, Set<String>> rolePurposes) {
            this.rolePurposes = rolePurposes;
            return this;
        }

        /** Sets the realm's units. */
        public Builder unitDirectory(UnitDirectory unitDirectory) {
            this.unitDirectory = unitDirectory;
            return this;
        }

        /** Sets whether the request came through the guardian endpoints. */
        public Builder guardianProxy(boolean guardianProxy) {
            this.guardianProxy = guardianProxy;
            return this;
        }

        /** Sets the children the person is linked to as a guardian. */
        public Builder wards(List<Ward> wards) {
            this.wards = wards;
            return this;
        }

        /** Sets how a student's consent is looked up (default: none is given). */
        public Builder consents(ConsentCheck consents) {
            this.consents = consents;
            return this;
        }

        /**
         * The context.
         *
         * @throws IllegalArgumentException or {@link NullPointerException} if a value is missing or invalid
         */
        public AccessContext build() {
            return new AccessContext(subject, serviceAccount, clientId, clientTrust, scopes, roles, units,
                    clientUnits, purpose, realmPurposes, clientPurposes, grants, selfService, now, impersonator,
                    rolePurposes, unitDirectory, new CallLedger(), guardianProxy, wards,
                    consents);
        }
    }
}
