package edu.studentrecords.store.grants;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an administrator asks for when an outside body applies for access: the client, the purpose, the field
 * groups, the students (record ids and/or unit paths, as typed), the expiry and the signed confidentiality
 * agreement. Checked by {@link AccessGrants#request}, which answers every problem at once.
 *
 * @param clientId  the outside body's Keycloak client id
 * @param purpose   the one purpose the grant serves
 * @param groups    the field groups it opens
 * @param recordIds records it covers by id
 * @param units     unit paths whose records it covers
 * @param expiresAt when it stops opening access
 * @param agreement the signed agreement document
 * @param legalBasis {@code agreement} (or null: the same) or {@code consent}
 * @param consentPurpose for the legal basis {@code consent}: the consent purpose whose consent opens each student
 * @param consentPurposes the realm's consent purposes, which {@code consentPurpose} must be one of
 */
public record GrantRequest(
        String clientId,
        String purpose,
        Set<FieldGroup> groups,
        List<String> recordIds,
        List<String> units,
        Instant expiresAt,
        Agreement agreement,
        String legalBasis,
        String consentPurpose,
        Set<String> consentPurposes) {

    /** A grant on the agreement alone. */
    public GrantRequest(String clientId, String purpose, Set<FieldGroup> groups, List<String> recordIds,
            List<String> units, Instant expiresAt, Agreement agreement) {
        this(clientId, purpose, groups, recordIds, units, expiresAt, agreement, null, null, Set.of());
    }

    public GrantRequest {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
        consentPurposes = consentPurposes == null ? Set.of() : Set.copyOf(consentPurposes);
        // Not List.copyOf: a missing id or unit is a field error to report, not a NullPointerException.
        recordIds = recordIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(recordIds));
        units = units == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(units));
    }

    /**
     * The signed confidentiality agreement as uploaded.
     *
     * @param reference   the agreement's reference (e.g. its registry number)
     * @param fileName    the uploaded file's name
     * @param contentType its media type
     * @param content     its bytes
     */
    public record Agreement(String reference, String fileName, String contentType, byte[] content) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Agreement a && Objects.equals(reference, a.reference)
                    && Objects.equals(fileName, a.fileName) && Objects.equals(contentType, a.contentType)
                    && java.util.Arrays.equals(content, a.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reference, fileName, contentType, java.util.Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "Agreement[reference=" + reference + ", size=" + (content == null ? 0 : content.length) + "]";
        }
    }
}
