package edu.studentrecords.store.internal.grants;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.grants.AccessGrants;
import edu.studentrecords.store.grants.AgreementType;
import edu.studentrecords.store.grants.GrantRequest;
import edu.studentrecords.store.grants.GrantState;
import edu.studentrecords.store.grants.StoredGrant;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.mongo.GrantCollection;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PlainTexts;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@link AccessGrants} in their own collections, behind the gate. Thread-safe. */
public final class MongoAccessGrants implements AccessGrants {

    /** The longest name of an agreement's file. */
    private static final int MAX_FILE_NAME = 255;
    /** The longest a grant may run: an agreement with an outside body is renewed, not signed for ever. */
    private static final int MAX_YEARS = 10;
    private static final Pattern RECORD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Comparator<StoredGrant> NEWEST_FIRST =
            Comparator.comparing(StoredGrant::requestedAt).reversed().thenComparing(g -> g.grant().id());

    private final GrantCollection grants;
    private final RecordGate gate;
    private final AuditTrail audit;

    public MongoAccessGrants(GrantCollection grants, RecordGate gate, AuditTrail audit) {
        this.grants = grants;
        this.gate = gate;
        this.audit = audit;
    }

    @Override
    public StoredGrant request(AccessContext ctx, GrantRequest request, Predicate<String> externalClient) {
        Objects.requireNonNull(request, "request");
        Pass pass = gate.duty(ctx, Duty.MANAGE_GRANTS, AuditOperation.GRANT_REQUEST, null);
        List<FieldError> errors = problems(ctx, request, externalClient);
        if (!errors.isEmpty()) {
            throw pass.invalid(null, AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.GRANT, errors));
        }
        GrantRequest.Agreement agreement = request.agreement();
        Grant grant = Grant.builder()
                .id(UUID.randomUUID().toString())
                .clientId(request.clientId().strip())
                .purpose(request.purpose())
                .groups(request.groups())
                .recordIds(Set.copyOf(request.recordIds()))
                .units(request.units().stream().map(UnitPath::parse).collect(Collectors.toSet()))
                .agreementReference(agreement.reference().strip())
                .agreementSha256(sha256(agreement.content()))
                .requestedBy(ctx.subject())
                .expiresAt(request.expiresAt())
                .consentPurpose(Grant.CONSENT.equals(request.legalBasis()) ? request.consentPurpose() : null)
                .build();
        StoredGrant stored = new StoredGrant(grant, ctx.now(), null, null,
                blankToDefault(agreement.fileName(), "agreement"),
                AgreementType.ofMediaType(agreement.contentType()).orElseThrow().mediaType(),
                agreement.content().length);
        pass.allowOnGrant(grant.id());
        grants.insert(stored, agreement.content());
        return stored;
    }

    @Override
    public StoredGrant approve(AccessContext ctx, String grantId) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GRANTS, AuditOperation.GRANT_APPROVE, null);
        StoredGrant current = existing(pass, grantId);
        if (current.grant().requestedBy().equals(ctx.subject())) {
            throw pass.denyOnGrant(grantId, AuditReason.FOUR_EYES, StoreException.fourEyes(Subject.GRANT));
        }
        GrantState state = current.stateAt(ctx.now());
        if (state != GrantState.PENDING || !ctx.now().isBefore(current.grant().expiresAt())) {
            GrantState refused = state == GrantState.PENDING ? GrantState.EXPIRED : state;
            throw pass.denyOnGrant(grantId, AuditReason.valueOf("GRANT_" + refused.name()),
                    StoreException.conflict(Subject.GRANT, refused.name()));
        }
        pass.allowOnGrant(grantId);
        if (!grants.approve(grantId, ctx.subject(), ctx.now())) {
            // Another administrator approved or revoked it a moment ago.
            throw StoreException.conflict(Subject.GRANT, reread(grantId).stateAt(ctx.now()).name());
        }
        return reread(grantId);
    }

    @Override
    public StoredGrant revoke(AccessContext ctx, String grantId) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GRANTS, AuditOperation.GRANT_REVOKE, null);
        StoredGrant current = existing(pass, grantId);
        if (current.grant().isRevoked()) {
            throw pass.denyOnGrant(grantId, AuditReason.GRANT_REVOKED,
                    StoreException.conflict(Subject.GRANT, GrantState.REVOKED.name()));
        }
        pass.allowOnGrant(grantId);
        if (!grants.revoke(grantId, ctx.subject(), ctx.now())) {
            throw StoreException.conflict(Subject.GRANT, GrantState.REVOKED.name());
        }
        return reread(grantId);
    }

    @Override
    public List<StoredGrant> list(AccessContext ctx) {
        gate.duty(ctx, Duty.MANAGE_GRANTS, AuditOperation.GRANT_LIST, null).allow(null);
        return grants.all().stream().sorted(NEWEST_FIRST).toList();
    }

    @Override
    public StoredGrant get(AccessContext ctx, String grantId) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GRANTS, AuditOperation.GRANT_READ, null);
        StoredGrant found = existing(pass, grantId);
        pass.allowOnGrant(grantId);
        return found;
    }

    @Override
    public Agreement agreement(AccessContext ctx, String grantId) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GRANTS, AuditOperation.GRANT_AGREEMENT, null);
        StoredGrant found = existing(pass, grantId);
        pass.allowOnGrant(grantId);
        return new Agreement(found, grants.agreement(grantId).orElseThrow(() -> StoreException.notFound(Subject.GRANT)));
    }

    @Override
    public List<AuditEntry> history(AccessContext ctx, String grantId, int offset, int limit) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GRANTS, AuditOperation.GRANT_HISTORY, null);
        existing(pass, grantId);
        // Recorded without the grant id, so that reading the history does not become part of it.
        pass.allow(null);
        return audit.historyOfGrant(grantId, offset, limit);
    }

    @Override
    public List<Grant> ofClient(String clientId) {
        return grants.ofClient(clientId).stream().map(StoredGrant::grant).toList();
    }

    /** Every grant covering a record, for the student's own view of who can reach their record. */
    public List<StoredGrant> covering(AccessTarget target) {
        return grants.all().stream().filter(g -> g.grant().covers(target)).sorted(NEWEST_FIRST).toList();
    }

    /** Every grant of the realm, for the self-check; decides nothing. */
    public List<StoredGrant> all() {
        return grants.all();
    }

    private StoredGrant existing(Pass pass, String grantId) {
        Optional<StoredGrant> found = grantId == null ? Optional.empty() : grants.find(grantId);
        if (found.isEmpty()) {
            throw pass.denyOnGrant(null, AuditReason.GRANT_NOT_FOUND, StoreException.notFound(Subject.GRANT));
        }
        return found.get();
    }

    private StoredGrant reread(String grantId) {
        return grants.find(grantId).orElseThrow(() -> StoreException.notFound(Subject.GRANT));
    }

    private static List<FieldError> problems(AccessContext ctx, GrantRequest request, Predicate<String> externalClient) {
        List<FieldError> errors = new ArrayList<>();
        Optional<FieldError> clientId = PlainTexts.error("clientId", request.clientId(), false);
        if (blank(request.clientId())) {
            errors.add(new FieldError("clientId", "required", "Name the outside body's client."));
        } else if (clientId.isPresent()) {
            errors.add(clientId.get());
        } else if (!externalClient.test(request.clientId().strip())) {
            errors.add(new FieldError("clientId", "grant.external-client",
                    "Grants are for external clients of this realm only."));
        }
        Optional<FieldError> purpose = PlainTexts.error("purpose", request.purpose(), false);
        if (blank(request.purpose())) {
            errors.add(new FieldError("purpose", "required", "Name the purpose."));
        } else if (purpose.isPresent()) {
            errors.add(purpose.get());
        } else if (!ctx.realmPurposes().contains(request.purpose())) {
            errors.add(new FieldError("purpose", "grant.purpose", "The purpose is not one of the realm's purposes."));
        }
        if (request.groups().isEmpty()) {
            errors.add(new FieldError("groups", "required", "Name at least one field group."));
        }
        String basis = request.legalBasis() == null ? Grant.AGREEMENT : request.legalBasis();
        if (!basis.equals(Grant.AGREEMENT) && !basis.equals(Grant.CONSENT)) {
            errors.add(new FieldError("legalBasis", "grant.legal-basis", "Either agreement or consent."));
        } else if (basis.equals(Grant.CONSENT) && (request.consentPurpose() == null
                || !request.consentPurposes().contains(request.consentPurpose()))) {
            errors.add(new FieldError("consentPurpose", "grant.consent-purpose",
                    "Name one of the realm's consent purposes."));
        } else if (basis.equals(Grant.AGREEMENT) && request.consentPurpose() != null) {
            errors.add(new FieldError("consentPurpose", "grant.consent-purpose",
                    "Only a grant whose legal basis is consent names a consent purpose."));
        }
        if (request.recordIds().isEmpty() && request.units().isEmpty()) {
            errors.add(new FieldError("units", "grant.students", "Name the students, by unit or by record id."));
        }
        for (int i = 0; i < request.recordIds().size(); i++) {
            String id = request.recordIds().get(i);
            if (id == null || !RECORD_ID.matcher(id).matches()) {
                errors.add(new FieldError("recordIds[" + i + "]", "grant.record-id", "Not a record id."));
            }
        }
        for (int i = 0; i < request.units().size(); i++) {
            String unit = request.units().get(i);
            try {
                UnitPath path = UnitPath.parse(unit);
                if (path.equals(UnitPath.ALL)) {
                    errors.add(new FieldError("units[" + i + "]", "grant.all-units",
                            "A grant may not cover every unit."));
                } else if (!ctx.unitDirectory().exists(path)) {
                    errors.add(new FieldError("units[" + i + "]", "unit.unknown", "No unit of the realm has this path."));
                }
            } catch (RuntimeException e) {
                errors.add(new FieldError("units[" + i + "]", "grant.unit", "Not a unit path."));
            }
        }
        if (request.expiresAt() == null) {
            errors.add(new FieldError("expiresAt", "required", "Give the expiry."));
        } else if (!request.expiresAt().isAfter(ctx.now())
                || request.expiresAt().isAfter(ctx.now().atZone(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant())) {
            errors.add(new FieldError("expiresAt", "grant.expiry",
                    "The expiry must be in the future, at most " + MAX_YEARS + " years from now."));
        }
        GrantRequest.Agreement agreement = request.agreement();
        if (agreement == null) {
            errors.add(new FieldError("agreement", "required", "Upload the signed confidentiality agreement."));
        } else {
            if (blank(agreement.reference())) {
                errors.add(new FieldError("agreement.reference", "required", "Give the agreement's reference."));
            }
            PlainTexts.error("agreement.reference", agreement.reference(), false).ifPresent(errors::add);
            PlainTexts.error("agreement.fileName", agreement.fileName(), false).ifPresent(errors::add);
            if (agreement.fileName() != null && agreement.fileName().strip().length() > MAX_FILE_NAME) {
                errors.add(new FieldError("agreement.fileName", "size",
                        "At most " + MAX_FILE_NAME + " characters."));
            }
            errors.addAll(fileProblems(agreement));
        }
        return errors;
    }

    /**
     * What is wrong with the agreement's file: it must be a PDF, PNG or JPEG file by its first bytes, of the type it
     * is declared as, and at most {@value AccessGrants#MAX_AGREEMENT_BYTES} bytes.
     */
    private static List<FieldError> fileProblems(GrantRequest.Agreement agreement) {
        List<FieldError> errors = new ArrayList<>();
        Optional<AgreementType> declared = AgreementType.ofMediaType(agreement.contentType());
        Optional<FieldError> notText = PlainTexts.error("agreement.contentType", agreement.contentType(), false);
        if (blank(agreement.contentType())) {
            errors.add(new FieldError("agreement.contentType", "required",
                    "Give the file's type: application/pdf, image/png or image/jpeg."));
        } else if (notText.isPresent()) {
            errors.add(notText.get());
        } else if (declared.isEmpty()) {
            errors.add(new FieldError("agreement.contentType", "grant.agreement-type",
                    "The agreement must be a PDF, PNG or JPEG file."));
        }
        byte[] content = agreement.content();
        if (content == null || content.length == 0) {
            errors.add(new FieldError("agreement.content", "required", "Upload the signed agreement file."));
        } else if (content.length > MAX_AGREEMENT_BYTES) {
            errors.add(new FieldError("agreement.content", "grant.agreement-size",
                    "The agreement file is larger than 10 MiB."));
        } else if (AgreementType.of(content).isEmpty()) {
            errors.add(new FieldError("agreement.content", "grant.agreement-content",
                    "The file is not a PDF, PNG or JPEG file."));
        } else if (declared.isPresent() && !declared.get().matches(content)) {
            errors.add(new FieldError("agreement.content", "grant.agreement-content",
                    "The file is not of the type it is declared as."));
        }
        return errors;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToDefault(String text, String fallback) {
        return blank(text) ? fallback : text.strip();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
