package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.grants.AccessGrants;
import edu.studentrecords.store.grants.AgreementType;
import edu.studentrecords.store.grants.GrantRequest;
import edu.studentrecords.store.grants.StoredGrant;
import edu.studentrecords.store.model.FieldGroup;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JSON shapes of {@code /grants}: the request an administrator sends, and a grant as the API shows it. */
public final class GrantRepresentation {

    private GrantRepresentation() {
    }

    /**
     * The body of {@code POST /grants}. The agreement's bytes come base64-encoded in {@code agreement.content}.
     */
    public record Request(
            String clientId,
            String purpose,
            List<String> groups,
            List<String> recordIds,
            List<String> units,
            Instant expiresAt,
            Agreement agreement,
            String legalBasis,
            String consentPurpose) {

        /** The request, with the realm's consent purposes a consent-bound grant may name. */
        public GrantRequest toRequest(Set<String> consentPurposes) {
            Set<FieldGroup> parsed = EnumSet.noneOf(FieldGroup.class);
            for (String name : groups == null ? List.<String>of() : groups) {
                parsed.add(FieldGroup.fromJsonName(name).orElseThrow(() -> new BadRequest("bad.grant-groups")));
            }
            GrantRequest.Agreement file = agreement == null ? null : agreement.toAgreement();
            return new GrantRequest(clientId, purpose, parsed, recordIds, units, expiresAt, file, legalBasis,
                    consentPurpose, consentPurposes);
        }
    }

    /** The uploaded agreement. */
    public record Agreement(String reference, String fileName, String contentType, String content) {

        GrantRequest.Agreement toAgreement() {
            byte[] bytes;
            try {
                bytes = content == null ? new byte[0] : Base64.getMimeDecoder().decode(content);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("bad.agreement-content");
            }
            return new GrantRequest.Agreement(reference, fileName, contentType, bytes);
        }

        @Override
        public String toString() {
            return "Agreement[" + reference + "]";
        }
    }

    /**
     * A grant's agreement file as the API serves it: an attachment named {@code agreement-<grant id>.<extension>}, of
     * the type its bytes were checked to be when it was uploaded ({@code nosniff}: a browser takes that type at its
     * word). A file kept from before uploads were checked, or whose bytes are not of its type, is served as
     * {@code application/octet-stream}.
     */
    public static Response.ResponseBuilder agreementFile(AccessGrants.Agreement agreement) {
        Optional<AgreementType> type = AgreementType.ofMediaType(agreement.grant().agreementContentType())
                .filter(checked -> checked.matches(agreement.content()));
        String name = "agreement-" + agreement.grant().grant().id().replaceAll("[^A-Za-z0-9-]", "") + "."
                + type.map(AgreementType::extension).orElse("bin");
        return Response.ok(agreement.content())
                .type(type.map(AgreementType::mediaType).orElse(MediaType.APPLICATION_OCTET_STREAM))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff");
    }

    /** A grant as the API shows it, with its state at {@code now}. */
    public static Map<String, Object> of(StoredGrant stored, Instant now) {
        Grant g = stored.grant();
        Map<String, Object> agreement = new LinkedHashMap<>();
        agreement.put("reference", g.agreementReference());
        agreement.put("sha256", g.agreementSha256());
        agreement.put("fileName", stored.agreementFileName());
        agreement.put("contentType", stored.agreementContentType());
        agreement.put("size", stored.agreementSize());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", g.id());
        body.put("clientId", g.clientId());
        body.put("purpose", g.purpose());
        body.put("legalBasis", g.legalBasis());
        body.put("consentPurpose", g.consentPurpose());
        body.put("groups", g.groups().stream().map(FieldGroup::jsonName).toList());
        body.put("recordIds", g.recordIds().stream().sorted().toList());
        body.put("units", g.units().stream().map(UnitPath::toString).sorted().toList());
        body.put("agreement", agreement);
        body.put("status", stored.stateAt(now).name());
        body.put("requestedBy", g.requestedBy());
        body.put("requestedAt", stored.requestedAt());
        body.put("approvedBy", g.approvedBy());
        body.put("approvedAt", stored.approvedAt());
        body.put("expiresAt", g.expiresAt());
        body.put("revokedBy", stored.revokedBy());
        body.put("revokedAt", g.revokedAt());
        return body;
    }
}
