package edu.studentrecords.keycloak.rest.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import edu.studentrecords.keycloak.jobs.DestructionCertificates;
import edu.studentrecords.store.PurgeRequest;
import java.time.Instant;

/**
 * A purge request as the API shows it. Times of steps not yet taken are left out.
 *
 * @param id               the request id
 * @param recordId         the record to destroy
 * @param status           {@code PENDING}, {@code APPROVING}, {@code APPROVED} or {@code CANCELLED}
 * @param reason           why
 * @param requestedBy      the requesting administrator's user id, or {@code system:user-removed}
 * @param requestedAt      when it was filed
 * @param decidedBy        who approved or cancelled it
 * @param decidedAt        when
 * @param accountRemovedAt when the student's account was removed, for requests the system filed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PurgeRequestRepresentation(String id, String recordId, String status, String reason, String requestedBy,
        Instant requestedAt, String decidedBy, Instant decidedAt, Instant accountRemovedAt) {

    public static PurgeRequestRepresentation of(PurgeRequest request) {
        return new PurgeRequestRepresentation(request.id(), request.recordId(), request.status().name(),
                request.reason(), request.requestedBy(), request.requestedAt(), request.decidedBy(),
                request.decidedAt(), request.accountRemovedAt());
    }

    /**
     * The body of {@code POST /records/{id}/purge-requests}.
     *
     * @param reason why the record should be destroyed, 1 to 1000 characters
     */
    public record Filing(String reason) {
    }

    /**
     * The answer of an approval: the destruction certificate, and the same certificate signed by the realm (a compact
     * JWS, see {@link DestructionCertificates}) to keep and check offline.
     */
    public record Certified(Certificate certificate, String signedCertificate) {
    }

    /**
     * The destruction certificate.
     *
     * @param recordId     the destroyed record
     * @param lastVersion  its last version
     * @param destroyedAt  when it was destroyed
     * @param reason       the request's reason
     * @param requestedBy  who asked
     * @param approvedBy   who approved
     * @param purgeRequest the request's id, or null for a retention destruction
     * @param paperCopies  the record's paper copies in the register, for their custodians to destroy
     * @param retentionRun the retention run that destroyed the record, or null for a purge request
     */
    public record Certificate(String recordId, long lastVersion, Instant destroyedAt, String reason, String requestedBy,
            String approvedBy, String purgeRequest, java.util.List<edu.studentrecords.store.retention.PaperCopy> paperCopies,
            String retentionRun) {

        public static Certificate of(edu.studentrecords.store.DestructionCertificate certificate) {
            return new Certificate(certificate.recordId(), certificate.lastVersion(), certificate.destroyedAt(),
                    certificate.reason(), certificate.requestedBy(), certificate.approvedBy(), certificate.purgeRequest(),
                    certificate.paperCopies(), certificate.retentionRun());
        }
    }
}
