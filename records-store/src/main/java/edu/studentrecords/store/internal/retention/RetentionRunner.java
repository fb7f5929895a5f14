package edu.studentrecords.store.internal.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.DestructionCertificate;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.internal.crypto.DataKeyVault;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.mongo.RecordCodec;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.retention.PaperCopy;
import edu.studentrecords.store.retention.Retention;
import edu.studentrecords.store.retention.RetentionPolicy;
import edu.studentrecords.store.retention.RetentionRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * One retention run: every leaver (a status the policy archives on) without an archive is archived; every archived
 * leaver past its destruction date and under no legal hold is destroyed through the store's one destruction path.
 * Each step is keyed by the record id and checked against the store before it acts, so a second run (or a run after a
 * crash in the middle of one) archives and destroys nothing twice. A dry run reads the same and changes nothing.
 */
final class RetentionRunner {

    /** Destroys a record by rule through the store's one destruction path; {@code NOT_FOUND} when it is gone. */
    @FunctionalInterface
    interface Eraser {
        Destruction erase(String recordId, String reason);
    }

    private static final Logger LOG = Logger.getLogger(RetentionRunner.class);

    private final MongoCollection<Document> rawRecords;
    private final RecordCollection records;
    private final RecordCodec codec;
    private final DataKeyVault keys;
    private final ArchiveVault archives;
    private final HoldRegister holds;
    private final PaperCopyRegister paper;
    private final RecordGate gate;
    private final Eraser eraser;

    RetentionRunner(MongoCollection<Document> rawRecords, RecordCollection records, RecordCodec codec, DataKeyVault keys,
            ArchiveVault archives, HoldRegister holds, PaperCopyRegister paper, RecordGate gate,
            Eraser eraser) {
        this.rawRecords = rawRecords;
        this.records = records;
        this.codec = codec;
        this.keys = keys;
        this.archives = archives;
        this.holds = holds;
        this.paper = paper;
        this.gate = gate;
        this.eraser = eraser;
    }

    RetentionRun run(String runId, RetentionPolicy policy, Instant now, boolean dryRun, String startedBy,
            AccessContext system, Retention.Hooks hooks) {
        List<String> archived = new ArrayList<>();
        List<RetentionRun.Destroyed> destroyed = new ArrayList<>();
        List<String> held = new ArrayList<>();
        int waiting = 0;
        Set<String> heldRecords = holds.heldRecords();
        String reason = "Retention period ended: destroyed " + policy.destroyAfterDays()
                + " days after leaving, the archive kept at least " + policy.archiveRetentionDays() + " days.";
        for (Document header : leavers()) {
            String id = header.getString("_id");
            Profile profile = codec.decode(header, Set.of(FieldGroup.PROFILE), null).content().profile();
            if (!policy.archiveOn().contains(profile.status())) {
                continue;
            }
            Optional<Document> archive = archives.facts(id);
            if (archive.isEmpty()) {
                if (dryRun || archive(system, id)) {
                    archived.add(id);
                }
                continue;
            }
            Instant archivedAt = archive.get().getDate(ArchiveVault.CREATED).toInstant();
            if (now.isBefore(policy.destroyAfter(profile.leavingDate(), archivedAt))) {
                waiting++;
                continue;
            }
            if (heldRecords.contains(id)) {
                held.add(id);
                continue;
            }
            long version = header.getLong("v");
            if (dryRun) {
                destroyed.add(new RetentionRun.Destroyed(id, new DestructionCertificate(id, version, now, reason,
                        Retention.SYSTEM, startedBy, null, paper.of(id), runId), null));
                continue;
            }
            // Checked again just before: a hold placed while this run went through the other records still wins.
            if (holds.isHeld(id)) {
                held.add(id);
                continue;
            }
            destroy(system, id, reason, startedBy, runId, hooks).ifPresent(destroyed::add);
        }
        if (!dryRun) {
            sweepOrphanArchives();
        }
        return new RetentionRun(runId, dryRun, now, archived, destroyed, held, waiting);
    }

    /** The leavers' stored headers and profiles (a full scan of the records, reading no sealed group). */
    private List<Document> leavers() {
        return rawRecords.find().projection(Projections.exclude("sealed", "rid", "phones")).into(new ArrayList<>())
                .stream().filter(doc -> {
                    Document profile = doc.get("profile", Document.class);
                    String status = profile == null ? null : profile.getString("status");
                    return status != null && edu.studentrecords.store.model.EnrolmentStatus.valueOf(status).hasLeft();
                }).toList();
    }

    private boolean archive(AccessContext system, String id) {
        Optional<Document> doc = records.find(id);
        Optional<byte[]> key = keys.find(id);
        if (doc.isEmpty() || key.isEmpty()) {
            // Destroyed meanwhile, or a destruction was interrupted after its key went: nothing to archive.
            return false;
        }
        StoredRecord record = codec.decode(doc.get(), FieldGroup.ALL, key.get());
        gate.system(AuditOperation.RETENTION_ARCHIVE, id, null);
        return archives.make(record, key.get(), system.now());
    }

    private Optional<RetentionRun.Destroyed> destroy(AccessContext system, String id, String reason, String startedBy,
            String runId, Retention.Hooks hooks) {
        List<PaperCopy> copies = paper.of(id);
        // Audited before anything is destroyed, as a purge approval is.
        gate.system(AuditOperation.RETENTION_DESTROY, id, null);
        Destruction destruction;
        try {
            destruction = eraser.erase(id, reason);
        } catch (StoreException gone) {
            if (!gone.is(StoreException.Kind.NOT_FOUND)) {
                throw gone;
            }
            return Optional.empty();
        }
        try {
            hooks.destroyed(destruction);
        } catch (RuntimeException e) {
            LOG.errorf("After a retention destruction, a follow-up step failed (%s)", e.getClass().getSimpleName());
        }
        DestructionCertificate certificate = new DestructionCertificate(id, destruction.lastVersion(),
                destruction.destroyedAt(), reason, Retention.SYSTEM, startedBy, null, copies, runId);
        String signed = null;
        try {
            signed = hooks.sign(certificate);
        } catch (RuntimeException e) {
            LOG.errorf("A retention destruction certificate could not be signed (%s)", e.getClass().getSimpleName());
        }
        return Optional.of(new RetentionRun.Destroyed(id, certificate, signed));
    }

    /** Archives whose record is gone (a destruction interrupted between the record and its archive) are deleted. */
    private void sweepOrphanArchives() {
        for (Document facts : archives.allFacts()) {
            String id = facts.getString(ArchiveVault.ID);
            if (records.find(id).isEmpty()) {
                archives.delete(id);
            }
        }
    }
}
