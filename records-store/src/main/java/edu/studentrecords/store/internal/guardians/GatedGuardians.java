package edu.studentrecords.store.internal.guardians;

import edu.studentrecords.store.OwnAccessLog;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.access.Ward;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.guardians.Child;
import edu.studentrecords.store.guardians.GuardianAccount;
import edu.studentrecords.store.guardians.GuardianLink;
import edu.studentrecords.store.guardians.Guardians;
import edu.studentrecords.store.internal.gate.GuardianGate;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordGate.AuditLabel;
import edu.studentrecords.store.internal.gate.RecordGate.Located;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.internal.records.CorrectionDesk;
import edu.studentrecords.store.internal.records.RecordVault;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.validation.FieldError;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.Base64;
import java.security.SecureRandom;
import com.mongodb.client.MongoCollection;
import edu.studentrecords.store.guardians.IssuedInvitation;
import edu.studentrecords.store.model.Relationship;
import org.bson.Document;

/** {@link Guardians} behind the gate. Thread-safe. */
public final class GatedGuardians implements Guardians {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final RecordGate gate;
    private final GuardianGate guardianGate;
    private final RecordLookup lookup;
    private final RecordVault vault;
    private final AuditTrail audit;
    private final CorrectionDesk corrections;
    private final GuardianLinkRegister links;
    private final InvitationRegister invitations;
    private final SecureRandom random = new SecureRandom();

    public GatedGuardians(RecordGate gate, GuardianGate guardianGate, RecordLookup lookup, RecordVault vault,
            AuditTrail audit, CorrectionDesk corrections, GuardianLinkRegister links,
            MongoCollection<Document> invitations) {
        this.invitations = new InvitationRegister(invitations);
        this.gate = gate;
        this.guardianGate = guardianGate;
        this.lookup = lookup;
        this.vault = vault;
        this.audit = audit;
        this.corrections = corrections;
        this.links = links;
    }

    @Override
    public GuardianLink link(AccessContext ctx, String recordId, int guardianIndex, GuardianAccount account) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GUARDIANS, AuditOperation.GUARDIAN_LINK, recordId);
        Document doc = requireRecord(pass, recordId);
        RecordView content = vault.view(doc, Set.of(FieldGroup.IDENTITY, FieldGroup.GUARDIANS));
        List<FieldError> errors = linkErrors(content, guardianIndex, account, ctx.now());
        List<GuardianLink> existing = links.ofRecord(recordId);
        if (errors.isEmpty() && account.subject() != null
                && existing.stream().anyMatch(l -> l.guardianSubject().equals(account.subject()))) {
            errors.add(new FieldError("username", "already-linked", "is linked to this record already"));
        }
        if (errors.isEmpty() && existing.stream().anyMatch(l -> l.guardianIndex() == guardianIndex)) {
            errors.add(new FieldError("guardianIndex", "already-linked", "is linked to an account already"));
        }
        if (!errors.isEmpty()) {
            throw pass.invalid(recordId, AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.GUARDIAN_LINK, errors));
        }
        GuardianLink link = new GuardianLink(UUID.randomUUID().toString(), recordId, guardianIndex, account.subject(),
                account.username(), content.guardians().get(guardianIndex).relationship(), ctx.subject(),
                ctx.now().truncatedTo(ChronoUnit.MILLIS), GuardianLink.VIA_CENTRE, null, null);
        if (!links.add(link)) {
            throw pass.invalid(recordId, AuditReason.CONFLICT, StoreException.invalid(Subject.GUARDIAN_LINK,
                    new FieldError("guardianIndex", "already-linked", "is linked to an account already")));
        }
        pass.allow(recordId);
        return link;
    }

    /**
     * What is wrong with linking {@code account} to the entry {@code guardianIndex} of a record holding {@code content}:
     * an entry the record does not have, an account that is no guardian's, a student who is 18 or more.
     */
    static List<FieldError> linkErrors(RecordView content, int guardianIndex, GuardianAccount account, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        List<Guardian> guardians = content.guardians() == null ? List.of() : content.guardians();
        if (guardianIndex < 0 || guardianIndex >= guardians.size()) {
            errors.add(new FieldError("guardianIndex", "no-such-guardian", "names no guardian entry of the record"));
        }
        if (account.subject() == null) {
            errors.add(new FieldError("username", "unknown", "names no account of the realm"));
        } else if (!account.guardianRole()) {
            errors.add(new FieldError("username", "not-a-guardian", "names an account without the guardian role"));
        }
        if (Ward.ageAt(content.identity() == null ? null : content.identity().dateOfBirth(), now) >= Ward.MAJORITY) {
            errors.add(new FieldError("recordId", "adult-student", "is the record of a student of 18 or more"));
        }
        return errors;
    }

    @Override
    public GuardianLink approve(AccessContext ctx, String recordId, String linkId) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GUARDIANS, AuditOperation.GUARDIAN_LINK_APPROVE, recordId);
        requireRecord(pass, recordId);
        GuardianLink link = (linkId == null ? Optional.<GuardianLink>empty() : links.find(recordId, linkId))
                .orElseThrow(() -> pass.deny(recordId, AuditReason.GUARDIAN_LINK_NOT_FOUND,
                        StoreException.notFound(Subject.GUARDIAN_LINK)));
        if (link.approved()) {
            throw pass.deny(recordId, AuditReason.NOTHING_PENDING, StoreException.conflict(Subject.GUARDIAN_LINK,
                    "approved"));
        }
        if (link.linkedBy() != null && link.linkedBy().equals(ctx.subject())) {
            throw pass.deny(recordId, AuditReason.FOUR_EYES, StoreException.fourEyes(Subject.GUARDIAN_LINK));
        }
        Instant at = ctx.now().truncatedTo(ChronoUnit.MILLIS);
        if (!links.approve(link.id(), ctx.subject(), at)) {
            throw pass.deny(recordId, AuditReason.NOTHING_PENDING, StoreException.conflict(Subject.GUARDIAN_LINK,
                    "approved"));
        }
        pass.allow(recordId);
        return new GuardianLink(link.id(), link.recordId(), link.guardianIndex(), link.guardianSubject(),
                link.guardianUsername(), link.relationship(), link.linkedBy(), link.linkedAt(), link.via(),
                ctx.subject(), at);
    }

    @Override
    public IssuedInvitation invite(AccessContext ctx, String recordId, int guardianIndex, String email,
            Instant expiresAt) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GUARDIANS, AuditOperation.GUARDIAN_INVITE, recordId);
        Document doc = requireRecord(pass, recordId);
        RecordView content = vault.view(doc, Set.of(FieldGroup.IDENTITY, FieldGroup.GUARDIANS));
        // The account is not known yet: every rule of a link but the account's.
        List<FieldError> errors = new ArrayList<>(linkErrors(content, guardianIndex,
                new GuardianAccount("invited", null, true), ctx.now()));
        if (email == null || !EMAIL.matcher(email.strip()).matches()) {
            errors.add(new FieldError("email", "email", "is not an email address"));
        }
        if (errors.isEmpty() && links.ofRecord(recordId).stream().anyMatch(l -> l.guardianIndex() == guardianIndex)) {
            errors.add(new FieldError("guardianIndex", "already-linked", "is linked to an account already"));
        }
        if (!errors.isEmpty()) {
            throw pass.invalid(recordId, AuditReason.INVALID_REQUEST, StoreException.invalid(Subject.INVITATION, errors));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = UUID.randomUUID().toString();
        pass.allow(recordId);
        invitations.add(token, id, recordId, guardianIndex, ctx.subject(), expiresAt);
        return new IssuedInvitation(id, recordId, token, expiresAt);
    }

    @Override
    public GuardianLink accept(AccessContext ctx, String token, GuardianAccount account) {
        Pass pass = guardianGate.acting(ctx, AuditOperation.GUARDIAN_INVITE_ACCEPT);
        Optional<InvitationRegister.Taken> taken = invitations.take(token, ctx.subject(), ctx.now());
        if (taken.isEmpty()) {
            throw pass.deny(invitations.recordOf(token).orElse(null), AuditReason.INVITATION_NOT_VALID,
                    StoreException.notFound(Subject.INVITATION));
        }
        String recordId = taken.get().recordId();
        int index = taken.get().guardianIndex();
        Optional<Document> doc = lookup.find(recordId);
        List<GuardianLink> existing = links.ofRecord(recordId);
        Relationship relationship = doc.map(d -> vault.view(d, Set.of(FieldGroup.GUARDIANS)))
                .filter(v -> v.guardians() != null && index < v.guardians().size())
                .map(v -> v.guardians().get(index).relationship()).orElse(null);
        // Made in the name of the administrator who invited: a second one approves it before it opens anything.
        GuardianLink link = new GuardianLink(UUID.randomUUID().toString(), recordId, index, account.subject(),
                account.username(), relationship, taken.get().invitedBy(), ctx.now().truncatedTo(ChronoUnit.MILLIS),
                GuardianLink.VIA_INVITATION, null, null);
        if (doc.isEmpty() || existing.stream().anyMatch(l -> l.guardianSubject().equals(account.subject()))
                || !links.add(link)) {
            throw pass.deny(recordId, AuditReason.INVITATION_NOT_VALID, StoreException.notFound(Subject.INVITATION));
        }
        pass.allow(recordId);
        return link;
    }

    @Override
    public List<GuardianLink> links(AccessContext ctx, String recordId) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GUARDIANS, AuditOperation.GUARDIAN_LINK_LIST, recordId);
        requireRecord(pass, recordId);
        pass.allow(recordId);
        return links.ofRecord(recordId);
    }

    @Override
    public GuardianLink unlink(AccessContext ctx, String recordId, String linkId) {
        Pass pass = gate.duty(ctx, Duty.MANAGE_GUARDIANS, AuditOperation.GUARDIAN_UNLINK, recordId);
        requireRecord(pass, recordId);
        Optional<GuardianLink> link = linkId == null ? Optional.empty() : links.find(recordId, linkId);
        if (link.isEmpty() || !links.remove(linkId)) {
            throw pass.deny(recordId, AuditReason.GUARDIAN_LINK_NOT_FOUND, StoreException.notFound(Subject.GUARDIAN_LINK));
        }
        pass.allow(recordId);
        return link.get();
    }

    @Override
    public List<Ward> wardsOf(String guardianSubject) {
        List<Ward> wards = new ArrayList<>();
        for (GuardianLink link : links.ofGuardian(guardianSubject)) {
            if (!link.approved()) {
                // A link opens nothing until a second administrator approved it.
                continue;
            }
            // The date of birth as the record holds it now: a corrected date changes the age at once.
            lookup.find(link.recordId()).ifPresent(doc -> {
                RecordView content = vault.view(doc, Set.of(FieldGroup.IDENTITY));
                wards.add(new Ward(link.recordId(), link.id(), link.guardianIndex(),
                        content.identity() == null ? null : content.identity().dateOfBirth()));
            });
        }
        return wards;
    }

    @Override
    public List<Child> children(AccessContext ctx) {
        Pass pass = guardianGate.guardian(ctx, AuditOperation.GUARDIAN_CHILDREN);
        List<Child> children = new ArrayList<>();
        if (ctx.wards().isEmpty()) {
            // No child, so no child's log to enter it in: the call's one entry names no record.
            pass.allow(null);
            return children;
        }
        for (Ward ward : ctx.wards()) {
            int age = ward.ageAt(ctx.now());
            Optional<GuardianLink> link = links.find(ward.recordId(), ward.linkId());
            var relationship = link.map(GuardianLink::relationship).orElse(null);
            try {
                // One entry per child, in the child's own access log.
                Located found = gate.locate(ctx, Operation.READ, ward.recordId(), Set.of(FieldGroup.PROFILE),
                        new AuditLabel(AuditOperation.GUARDIAN_CHILDREN, Set.of(FieldGroup.PROFILE)));
                StoredRecord record = vault.openClear(found.doc(), Set.of(FieldGroup.PROFILE));
                children.add(new Child(ward.recordId(), record.content().profile().name(), age, relationship, true));
            } catch (StoreException e) {
                if (!e.is(StoreException.Kind.REFUSED)) {
                    throw e;
                }
                children.add(new Child(ward.recordId(), null, age, relationship, false));
            }
        }
        return children;
    }

    @Override
    public OwnAccessLog accessLog(AccessContext ctx, String recordId, Instant from, Instant to) {
        // Decided as a read of the whole record, since the log tells who saw which of its groups; audited without
        // groups, because no record content is returned.
        Located found = gate.locate(ctx, Operation.READ, recordId, FieldGroup.ALL,
                new AuditLabel(AuditOperation.READ_ACCESS_LOG, Set.of()));
        RecordHeader header = lookup.headerOf(found.doc());
        return new OwnAccessLog(header.id(), header.unit(), header.ownerSubject(), links.ofRecord(header.id()).stream()
                .filter(GuardianLink::approved).toList(), audit.wholeHistoryOf(header.id(), from, to));
    }

    @Override
    public CorrectionRequest requestCorrection(AccessContext ctx, String recordId, String mergePatch, String reason) {
        return corrections.request(ctx, recordId, mergePatch, reason);
    }

    private Document requireRecord(Pass pass, String recordId) {
        return lookup.find(recordId).orElseThrow(() ->
                pass.deny(recordId, AuditReason.RECORD_NOT_FOUND, StoreException.notFound(Subject.RECORD)));
    }
}
