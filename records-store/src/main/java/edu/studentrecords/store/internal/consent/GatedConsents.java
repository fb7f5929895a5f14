package edu.studentrecords.store.internal.consent;

import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.access.Ward;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.consent.ConsentEvent;
import edu.studentrecords.store.consent.ConsentPurpose;
import edu.studentrecords.store.consent.ConsentState;
import edu.studentrecords.store.consent.ConsentStatus;
import edu.studentrecords.store.consent.Consents;
import edu.studentrecords.store.grants.GrantState;
import edu.studentrecords.store.grants.StoredGrant;
import edu.studentrecords.store.internal.gate.GuardianGate;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.grants.MongoAccessGrants;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordGate.AuditLabel;
import edu.studentrecords.store.internal.gate.RecordGate.RecordCall;
import edu.studentrecords.store.internal.records.RecordVault;
import edu.studentrecords.store.model.FieldGroup;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Consents} behind the gate: a read or change reaches the record as a read of it (the student's own, or a
 * linked child's), and a change is judged on the student's age by the gate before it is appended. Thread-safe.
 */
public final class GatedConsents implements Consents {

    private final RecordGate gate;
    private final GuardianGate guardianGate;
    private final RecordVault vault;
    private final ConsentLedger ledger;
    private final MongoAccessGrants grants;
    private final RecordLookup lookup;

    public GatedConsents(RecordGate gate, GuardianGate guardianGate, RecordVault vault, ConsentLedger ledger,
            MongoAccessGrants grants, RecordLookup lookup) {
        this.grants = grants;
        this.lookup = lookup;
        this.gate = gate;
        this.guardianGate = guardianGate;
        this.vault = vault;
        this.ledger = ledger;
    }

    @Override
    public List<ConsentState> own(AccessContext ctx, List<ConsentPurpose> purposes) {
        return read(ctx, gate.ownRecordId(ctx), purposes);
    }

    @Override
    public ConsentState setOwn(AccessContext ctx, List<ConsentPurpose> purposes, String purposeId, boolean given) {
        return set(ctx, gate.ownRecordId(ctx), purposes, purposeId, given, ConsentEvent.STUDENT);
    }

    @Override
    public List<ConsentState> ofChild(AccessContext ctx, String recordId, List<ConsentPurpose> purposes) {
        return read(ctx, recordId, purposes);
    }

    @Override
    public ConsentState setForChild(AccessContext ctx, String recordId, List<ConsentPurpose> purposes, String purposeId,
            boolean given) {
        return set(ctx, recordId, purposes, purposeId, given, ConsentEvent.GUARDIAN);
    }

    @Override
    public List<ConsentState> ledger(AccessContext ctx, List<ConsentPurpose> purposes, ConsentStatus status) {
        Pass pass = guardianGate.duty(ctx, Duty.READ_CONSENTS, AuditOperation.CONSENT_LEDGER);
        List<ConsentState> states = new ArrayList<>();
        for (ConsentPurpose purpose : purposes) {
            for (String recordId : ledger.recordsWithState(purpose.id())) {
                ConsentState state = ConsentState.of(recordId, purpose.id(), ledger.history(recordId, purpose.id()));
                if (status == null || state.status() == status) {
                    states.add(state);
                }
            }
        }
        pass.allowListing(List.copyOf(new LinkedHashSet<>(states.stream().map(ConsentState::recordId).toList())));
        return states;
    }

    @Override
    public boolean isGiven(String recordId, String purpose) {
        return ledger.isGiven(recordId, purpose);
    }

    /** The consent of each purpose for the record with its history, read without a decision: the caller has made it. */
    public List<ConsentState> kept(String recordId, List<ConsentPurpose> purposes) {
        return purposes.stream().map(p -> ConsentState.of(recordId, p.id(), ledger.history(recordId, p.id()))).toList();
    }

    private List<ConsentState> read(AccessContext ctx, String recordId, List<ConsentPurpose> purposes) {
        RecordCall call = gate.open(ctx, Operation.READ, recordId, FieldGroup.ALL,
                new AuditLabel(AuditOperation.CONSENT_READ, Set.of()));
        call.pass().allow(call.recordId());
        // The grants covering the student that rely on consent, active now: whom each consent opens the record to.
        List<StoredGrant> relying = grants.covering(RecordGate.target(lookup.headerOf(call.doc()))).stream()
                .filter(g -> g.grant().consentBound() && g.stateAt(ctx.now()) == GrantState.ACTIVE).toList();
        return purposes.stream()
                .map(p -> ConsentState.of(call.recordId(), p.id(), ledger.history(call.recordId(), p.id()))
                        .reliedOnBy(relying.stream().filter(g -> g.grant().consentPurpose().equals(p.id()))
                                .map(g -> g.grant().clientId()).distinct().sorted().toList()))
                .toList();
    }

    private ConsentState set(AccessContext ctx, String recordId, List<ConsentPurpose> purposes, String purposeId,
            boolean given, String byRole) {
        AuditOperation operation = given ? AuditOperation.CONSENT_GIVE : AuditOperation.CONSENT_WITHDRAW;
        RecordCall call = gate.open(ctx, Operation.READ, recordId, FieldGroup.ALL, new AuditLabel(operation, Set.of()));
        ConsentPurpose purpose = purposes.stream().filter(p -> p.id().equals(purposeId)).findFirst().orElseThrow(() ->
                call.pass().deny(call.recordId(), AuditReason.CONSENT_PURPOSE_NOT_FOUND,
                        StoreException.notFound(Subject.CONSENT)));
        RecordView identity = vault.view(call.doc(), Set.of(FieldGroup.IDENTITY));
        int age = Ward.ageAt(identity.identity() == null ? null : identity.identity().dateOfBirth(), ctx.now());
        // Under 14 the guardian consents, from 14 the student: a refusal is this call's one entry.
        guardianGate.requireConsenting(ctx, operation, call.recordId(), age);
        call.pass().allow(call.recordId());
        ledger.append(new ConsentEvent(call.recordId(), purpose.id(), given, ctx.subject(), byRole,
                ctx.now().truncatedTo(ChronoUnit.MILLIS), purpose.version()));
        return ConsentState.of(call.recordId(), purpose.id(), ledger.history(call.recordId(), purpose.id()));
    }
}
