package edu.studentrecords.store.access;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An access grant: the school's approval for one outside body (an external client) to read named
 * field groups of named students for one purpose, under a signed confidentiality agreement, until it
 * expires or is revoked.
 *
 * <p>The students are named by record id, by unit, or both; a grant may not name {@link UnitPath#ALL},
 * because an outside body gets only what it needs. Only an approved, unrevoked, unexpired grant opens
 * access ({@link #isActiveAt}).
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}.
 *
 * @param id the grant's id; not blank
 * @param clientId the Keycloak client id of the outside body; not blank
 * @param purpose the one purpose the grant serves; not blank
 * @param groups the field groups it opens; not empty; unmodifiable
 * @param recordIds records it covers by id; unmodifiable, may be empty if {@code units} is not
 * @param units units whose records it covers; unmodifiable, may be empty if {@code recordIds} is not
 * @param agreementReference the reference of the signed confidentiality agreement; not blank
 * @param agreementSha256 SHA-256 of the signed agreement document, 64 lower-case hex digits
 * @param requestedBy the user id of who asked for the grant; not blank
 * @param approvedBy the user id of the administrator who approved it; null until approved
 * @param expiresAt the instant from which the grant no longer opens access; not null
 * @param revokedAt when the grant was revoked; null unless revoked
 * @param consentPurpose the consent purpose a student's consent must be given for, on the day of each request, for
 *     the grant to open that student (legal basis {@code consent}); null for a grant on the agreement alone
 */
public record Grant(
        String id,
        String clientId,
        String purpose,
        Set<FieldGroup> groups,
        Set<String> recordIds,
        Set<UnitPath> units,
        String agreementReference,
        String agreementSha256,
        String requestedBy,
        String approvedBy,
        Instant expiresAt,
        Instant revokedAt,
        String consentPurpose) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** The legal basis of a grant that opens a student only while their consent for its purpose is given. */
    public static final String CONSENT = "consent";
    /** The legal basis of every other grant: the confidentiality agreement alone. */
    public static final String AGREEMENT = "agreement";

    /** Whether the grant opens a student only while the student's consent for {@link #consentPurpose()} is given. */
    public boolean consentBound() {
        return consentPurpose != null;
    }

    /** {@link #CONSENT} or {@link #AGREEMENT}. */
    public String legalBasis() {
        return consentBound() ? CONSENT : AGREEMENT;
    }

    /** Validates the components and makes the collections unmodifiable. */
    public Grant {
        requireText(id, "id");
        requireText(clientId, "clientId");
        requireText(purpose, "purpose");
        Objects.requireNonNull(groups, "groups");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a grant opens at least one field group");
        }
        groups = unmodifiableEnumSet(groups);
        recordIds = Set.copyOf(Objects.requireNonNull(recordIds, "recordIds"));
        recordIds.forEach(recordId -> requireText(recordId, "recordIds element"));
        units = Set.copyOf(Objects.requireNonNull(units, "units"));
        if (recordIds.isEmpty() && units.isEmpty()) {
            throw new IllegalArgumentException("a grant names its students by record id or by unit");
        }
        if (units.contains(UnitPath.ALL)) {
            throw new IllegalArgumentException("a grant may not cover every unit");
        }
        requireText(agreementReference, "agreementReference");
        Objects.requireNonNull(agreementSha256, "agreementSha256");
        agreementSha256 = agreementSha256.toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(agreementSha256).matches()) {
            throw new IllegalArgumentException("agreementSha256 must be 64 hex digits");
        }
        requireText(requestedBy, "requestedBy");
        if (approvedBy != null) {
            requireText(approvedBy, "approvedBy");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this grant's values, to derive a changed copy (approval, revocation). */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .clientId(clientId)
                .purpose(purpose)
                .groups(groups)
                .recordIds(recordIds)
                .units(units)
                .agreementReference(agreementReference)
                .agreementSha256(agreementSha256)
                .requestedBy(requestedBy)
                .approvedBy(approvedBy)
                .expiresAt(expiresAt)
                .revokedAt(revokedAt);
    }

    /** Whether an administrator approved the grant. */
    public boolean isApproved() {
        return approvedBy != null;
    }

    /**
     * Whether the grant was revoked. Any revocation counts, whatever instant it carries: revoking
     * works on the next request, and a clock difference must not reopen access.
     */
    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * Whether the grant opens access at {@code now}: approved, not revoked, and {@code now} strictly
     * before {@link #expiresAt}.
     *
     * @param now the instant of the request; not null
     */
    public boolean isActiveAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return isApproved() && !isRevoked() && now.isBefore(expiresAt);
    }

    /**
     * Whether the grant names the target's student: its record id is listed, or its unit lies in one
     * of the grant's units. Says nothing about purpose, groups or whether the grant is active.
     *
     * @param target the record; not null
     */
    public boolean covers(AccessTarget target) {
        Objects.requireNonNull(target, "target");
        return recordIds.contains(target.recordId())
                || units.stream().anyMatch(unit -> unit.contains(target.unit()));
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static Set<FieldGroup> unmodifiableEnumSet(Collection<FieldGroup> groups) {
        groups.forEach(group -> Objects.requireNonNull(group, "groups element"));
        return Collections.unmodifiableSet(EnumSet.copyOf(groups));
    }

    /** Collects a grant's values; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private String consentPurpose;
        private String id;
        private String clientId;
        private String purpose;
        private Set<FieldGroup> groups = Set.of();
        private Set<String> recordIds = Set.of();
        private Set<UnitPath> units = Set.of();
        private String agreementReference;
        private String agreementSha256;
        private String requestedBy;
        private String approvedBy;
        private Instant expiresAt;
        private Instant revokedAt;

        private Builder() {
        }

        /** Sets the grant id. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Sets the client id of the outside body. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** Sets the purpose. */
        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        /** Sets the field groups opened. */
        public Builder groups(Set<FieldGroup> groups) {
            this.groups = groups;
            return this;
        }

        /** Sets the record ids covered. */
        public Builder recordIds(Set<String> recordIds) {
            this.recordIds = recordIds;
            return this;
        }

        /** Sets the units covered. */
        public Builder units(Set<UnitPath> units) {
            this.units = units;
            return this;
        }

        /** Sets the agreement reference. */
        public Builder agreementReference(String agreementReference) {
            this.agreementReference = agreementReference;
            return this;
        }

        /** Sets the SHA-256 of the signed agreement, in hex. */
        public Builder agreementSha256(String agreementSha256) {
            this.agreementSha256 = agreementSha256;
            return this;
        }

        /** Sets who requested the grant. */
        public Builder requestedBy(String requestedBy) {
            this.requestedBy = requestedBy;
            return this;
        }

        /** Sets who approved the grant; null while it awaits approval. */
        public Builder approvedBy(String approvedBy) {
            this.approvedBy = approvedBy;
            return this;
        }

        /** Sets the expiry. */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Sets the consent purpose a consent-bound grant relies on; null (the default) for the agreement alone. */
        public Builder consentPurpose(String consentPurpose) {
            this.consentPurpose = consentPurpose;
            return this;
        }

        /** Sets the revocation instant; null if not revoked. */
        public Builder revokedAt(Instant revokedAt) {
            this.revokedAt = revokedAt;
            return this;
        }

        /**
         * The grant.
         *
         * @throws IllegalArgumentException or {@link NullPointerException} if a value is missing or invalid
         */
        public Grant build() {
            return new Grant(id, clientId, purpose, groups, recordIds, units, agreementReference,
                    agreementSha256, requestedBy, approvedBy, expiresAt, revokedAt, consentPurpose);
        }
    }
}
