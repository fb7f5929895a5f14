package edu.studentrecords.store.grants;

import edu.studentrecords.store.AccessDeniedException;
import edu.studentrecords.store.FourEyesException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.internal.mongo.DecisionRecorder;
import edu.studentrecords.store.internal.mongo.GrantCollection;
import edu.studentrecords.store.validation.FieldError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

/**
 * Access grants for outside bodies (rule 3.2): requested by one administrator with the signed confidentiality
 * agreement, approved by another, revoked at any time. Every call is decided ({@link AccessPolicy#checkDuty}) and
 * audited once, naming the grant, before it acts. The access decision reads a client's grants through
 * {@link #ofClient} on every request, so approval, expiry and revocation work on the very next request.
 * Thread-safe.
 */
public final class AccessGrants {

    /** The largest agreement file accepted. */
    public static final int MAX_AGREEMENT_BYTES = 10 * 1024 * 1024;

    private static final Pattern RECORD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Comparator<StoredGrant> NEWEST_FIRST =
            Comparator.comparing(StoredGrant::requestedAt).reversed().thenComparing(g -> g.grant().id());

    private final GrantCollection grants;
    private final DecisionRecorder recorder;
    private final AuditTrail audit;
    private final AccessPolicy policy;

    /** For the store, which owns the collections and the audit trail. */
    public AccessGrants(GrantCollection grants, DecisionRecorder recorder, AuditTrail audit, AccessPolicy policy) {
        this.grants = grants;
        this.recorder = recorder;
        this.audit = audit;
        this.policy = policy;
    }

    /**
     * Records a grant request and its agreement file; the grant opens nothing until a second administrator
     * approves it.
     *
     * @param externalClient whether a client id names an external client of the realm (only those need grants)
     * @throws AccessDeniedException  if the caller may not manage grants
     * @throws InvalidGrantException  with every problem of the request; nothing is stored
     */
    public StoredGrant request(AccessContext ctx, GrantRequest request, Predicate<String> externalClient) {
        Objects.requireNonNull(request, "request");
        requireDuty(ctx, "GRANT_REQUEST", null);
        List<FieldError> errors = problems(ctx, request, externalClient);
        if (!errors.isEmpty()) {
            recorder.recordDuty(ctx, "GRANT_REQUEST", null, Decision.ALLOW, "INVALID_REQUEST");
            throw new InvalidGrantException(errors);
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
                .build();
        StoredGrant stored = new StoredGrant(grant, ctx.now(), null, null,
                blankToDefault(agreement.fileName(), "agreement"),
                blankToDefault(agreement.contentType(), "application/octet-stream"), agreement.content().length);
        recorder.recordDuty(ctx, "GRANT_REQUEST", grant.id(), Decision.ALLOW, null);
        grants.insert(stored, agreement.content());
        return stored;
    }

    /**
     * Approves a pending grant. The approver must be another administrator than the requester.
     *
     * @throws GrantNotFoundException no such grant
     * @throws FourEyesException       the caller requested it
     * @throws GrantStateException     it is not pending, or it has expired already
     */
    public StoredGrant approve(AccessContext ctx, String grantId) {
        StoredGrant current = existing(ctx, "GRANT_APPROVE", grantId);
        if (current.grant().requestedBy().equals(ctx.subject())) {
            recorder.recordDuty(ctx, "GRANT_APPROVE", grantId, Decision.DENY, "FOUR_EYES");
            throw new FourEyesException();
        }
        GrantState state = current.stateAt(ctx.now());
        if (state != GrantState.PENDING || !ctx.now().isBefore(current.grant().expiresAt())) {
            GrantState refused = state == GrantState.PENDING ? GrantState.EXPIRED : state;
            recorder.recordDuty(ctx, "GRANT_APPROVE", grantId, Decision.DENY, "GRANT_" + refused.name());
            throw new GrantStateException(refused);
        }
        recorder.recordDuty(ctx, "GRANT_APPROVE", grantId, Decision.ALLOW, null);
        if (!grants.approve(grantId, ctx.subject(), ctx.now())) {
            // Another administrator approved or revoked it a moment ago.
            throw new GrantStateException(reread(grantId).stateAt(ctx.now()));
        }
        return reread(grantId);
    }

    /**
     * Revokes a grant, approved or not; it opens nothing from the next request on.
     *
     * @throws GrantNotFoundException no such grant
     * @throws GrantStateException     it is revoked already
     */
    public StoredGrant revoke(AccessContext ctx, String grantId) {
        StoredGrant current = existing(ctx, "GRANT_REVOKE", grantId);
        if (current.grant().isRevoked()) {
            recorder.recordDuty(ctx, "GRANT_REVOKE", grantId, Decision.DENY, "GRANT_REVOKED");
            throw new GrantStateException(GrantState.REVOKED);
        }
        recorder.recordDuty(ctx, "GRANT_REVOKE", grantId, Decision.ALLOW, null);
        if (!grants.revoke(grantId, ctx.subject(), ctx.now())) {
            throw new GrantStateException(GrantState.REVOKED);
        }
        return reread(grantId);
    }

    /** Every grant of the realm, newest first. */
    public List<StoredGrant> list(AccessContext ctx) {
        requireDuty(ctx, "GRANT_LIST", null);
        recorder.recordDuty(ctx, "GRANT_LIST", null, Decision.ALLOW, null);
        return grants.all().stream().sorted(NEWEST_FIRST).toList();
    }

    /** One grant. */
    public StoredGrant get(AccessContext ctx, String grantId) {
        StoredGrant found = existing(ctx, "GRANT_READ", grantId);
        recorder.recordDuty(ctx, "GRANT_READ", grantId, Decision.ALLOW, null);
        return found;
    }

    /** The signed agreement file of a grant. */
    public byte[] agreement(AccessContext ctx, String grantId) {
        existing(ctx, "GRANT_AGREEMENT", grantId);
        recorder.recordDuty(ctx, "GRANT_AGREEMENT", grantId, Decision.ALLOW, null);
        return grants.agreement(grantId).orElseThrow(GrantNotFoundException::new);
    }

    /**
     * The audit entries that name the grant, newest first: its request, approval and revocation, and every access
     * to a record it opened (or was refused under it).
     */
    public List<AuditEntry> history(AccessContext ctx, String grantId, int offset, int limit) {
        existing(ctx, "GRANT_HISTORY", grantId);
        // Recorded without the grant id, so that reading the history does not become part of it.
        recorder.recordDuty(ctx, "GRANT_HISTORY", null, Decision.ALLOW, null);
        return audit.historyOfGrant(grantId, offset, limit);
    }

    /**
     * The grants of one client, whatever their state, for building that client's access context: the decision
     * itself keeps only those active at the request's instant. Not audited: it decides nothing.
     */
    public List<Grant> ofClient(String clientId) {
        return grants.ofClient(clientId).stream().map(StoredGrant::grant).toList();
    }

    /** Every grant covering a record, for the student's own view of who can reach their record. */
    public List<StoredGrant> covering(AccessTarget target) {
        return grants.all().stream().filter(g -> g.grant().covers(target)).sorted(NEWEST_FIRST).toList();
    }

    private StoredGrant existing(AccessContext ctx, String operation, String grantId) {
        requireDuty(ctx, operation, null);
        Optional<StoredGrant> found = grantId == null ? Optional.empty() : grants.find(grantId);
        if (found.isEmpty()) {
            recorder.recordDuty(ctx, operation, null, Decision.DENY, "GRANT_NOT_FOUND");
            throw new GrantNotFoundException();
        }
        return found.get();
    }

    private StoredGrant reread(String grantId) {
        return grants.find(grantId).orElseThrow(GrantNotFoundException::new);
    }

    private void requireDuty(AccessContext ctx, String operation, String grantId) {
        Optional<AccessDecision.Denied> denied = policy.checkDuty(ctx, Duty.MANAGE_GRANTS);
        if (denied.isPresent()) {
            recorder.recordDuty(ctx, operation, grantId, Decision.DENY, denied.get().reason().name());
            throw new AccessDeniedException(denied.get());
        }
    }

    private static List<FieldError> problems(AccessContext ctx, GrantRequest request, Predicate<String> externalClient) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(request.clientId())) {
            errors.add(new FieldError("clientId", "required", "Name the outside body's client."));
        } else if (!externalClient.test(request.clientId().strip())) {
            errors.add(new FieldError("clientId", "grant.external-client",
                    "Grants are for external clients of this realm only."));
        }
        if (blank(request.purpose())) {
            errors.add(new FieldError("purpose", "required", "Name the purpose."));
        } else if (!ctx.realmPurposes().contains(request.purpose())) {
            errors.add(new FieldError("purpose", "grant.purpose", "The purpose is not one of the realm's purposes."));
        }
        if (request.groups().isEmpty()) {
            errors.add(new FieldError("groups", "required", "Name at least one field group."));
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
                if (UnitPath.parse(unit).equals(UnitPath.ALL)) {
                    errors.add(new FieldError("units[" + i + "]", "grant.all-units",
                            "A grant may not cover every unit."));
                }
            } catch (RuntimeException e) {
                errors.add(new FieldError("units[" + i + "]", "grant.unit", "Not a unit path."));
            }
        }
        if (request.expiresAt() == null) {
            errors.add(new FieldError("expiresAt", "required", "Give the expiry."));
        } else if (!request.expiresAt().isAfter(ctx.now())) {
            errors.add(new FieldError("expiresAt", "grant.expiry", "The expiry must be in the future."));
        }
        GrantRequest.Agreement agreement = request.agreement();
        if (agreement == null) {
            errors.add(new FieldError("agreement", "required", "Upload the signed confidentiality agreement."));
        } else {
            if (blank(agreement.reference())) {
                errors.add(new FieldError("agreement.reference", "required", "Give the agreement's reference."));
            }
            if (agreement.content() == null || agreement.content().length == 0) {
                errors.add(new FieldError("agreement.content", "required", "Upload the signed agreement file."));
            } else if (agreement.content().length > MAX_AGREEMENT_BYTES) {
                errors.add(new FieldError("agreement.content", "grant.agreement-size",
                        "The agreement file is larger than 10 MiB."));
            }
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
