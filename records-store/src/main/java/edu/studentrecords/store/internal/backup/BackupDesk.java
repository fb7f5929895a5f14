package edu.studentrecords.store.internal.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.backup.BackupJob;
import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.Backups;
import edu.studentrecords.store.backup.StoreBackup;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * {@link Backups} behind the gate: one job at a time on a worker thread of its own, files in the store's backup
 * folder, every job recorded in the store for the other nodes ({@link BackupJobRegister}); the jobs this node runs are
 * also kept here, so their progress shows on this node without waiting for the record. Logs ids and failure types
 * only. Thread-safe.
 */
public final class BackupDesk implements Backups, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackupDesk.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final RecordGate gate;
    private final StoreSettings settings;
    private final MongoClient client;
    private final Map<String, BackupJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "student-records-backup");
        thread.setDaemon(true);
        return thread;
    });

    private final BackupJobRegister register;

    public BackupDesk(RecordGate gate, StoreSettings settings, MongoClient client) {
        this.gate = gate;
        this.settings = settings;
        this.client = client;
        this.register = new BackupJobRegister(
                client.getDatabase(settings.database()).getCollection(StoreCollections.BACKUP_JOBS));
    }

    @Override
    public BackupJob start(AccessContext ctx) {
        Pass pass = duty(ctx, AuditOperation.BACKUP_START);
        Path folder = settings.backupDirectory();
        if (folder == null) {
            throw pass.deny(null, AuditReason.BACKUP_UNAVAILABLE,
                    StoreException.unavailable(Subject.BACKUP, "no backup folder is configured", null));
        }
        pass.allow(null);
        Instant now = ctx.now();
        String id = UUID.randomUUID().toString();
        BackupJob job = new BackupJob(id, BackupJob.Kind.BACKUP,
                "backup-" + FILE_TIME.format(now) + "-" + id.substring(0, 8) + ".srbak", now);
        begin(job);
        worker.execute(() -> {
            try (StoreBackup backup = StoreBackup.using(settings, client)) {
                BackupManifest manifest = backup.backup(Files.createDirectories(folder).resolve(job.file()),
                        progressOf(job));
                job.finished(manifest, Instant.now());
            } catch (IOException | RuntimeException e) {
                LOG.errorf("Backup %s failed (%s)", id, e.getClass().getSimpleName());
                job.failed(Instant.now());
            }
            end(job);
        });
        return job;
    }

    @Override
    public List<BackupJob> list(AccessContext ctx) {
        duty(ctx, AuditOperation.BACKUP_LIST).allow(null);
        return register.latest(ctx.now()).stream().map(recorded -> jobs.getOrDefault(recorded.id(), recorded))
                .toList();
    }

    @Override
    public BackupJob get(AccessContext ctx, String jobId) {
        Pass pass = duty(ctx, AuditOperation.BACKUP_READ);
        BackupJob job = existing(pass, jobId);
        pass.allow(null);
        return job;
    }

    @Override
    public BackupJob restore(AccessContext ctx, String jobId) {
        Pass pass = duty(ctx, AuditOperation.BACKUP_RESTORE);
        BackupJob from = existing(pass, jobId);
        if (from.kind() != BackupJob.Kind.BACKUP || from.status() != BackupJob.Status.DONE) {
            throw pass.deny(null, AuditReason.BACKUP_NOT_FINISHED, StoreException.conflict(Subject.BACKUP, "NOT_FINISHED"));
        }
        if (!storeIsEmpty()) {
            throw pass.deny(null, AuditReason.STORE_NOT_EMPTY, StoreException.conflict(Subject.BACKUP, "NOT_EMPTY"));
        }
        pass.allow(null);
        BackupJob job = new BackupJob(UUID.randomUUID().toString(), BackupJob.Kind.RESTORE, from.file(), ctx.now());
        begin(job);
        worker.execute(() -> {
            try (StoreBackup backup = StoreBackup.using(settings, client)) {
                job.finished(backup.restore(settings.backupDirectory().resolve(from.file()), progressOf(job)).manifest(),
                        Instant.now());
            } catch (RuntimeException e) {
                LOG.errorf("Restore %s failed (%s)", job.id(), e.getClass().getSimpleName());
                job.failed(Instant.now());
            }
            end(job);
        });
        return job;
    }

    /** Whether the store's database holds no document at all: the only state a restore writes into. */
    private boolean storeIsEmpty() {
        MongoDatabase database = client.getDatabase(settings.database());
        for (String name : database.listCollectionNames()) {
            if (!name.equals(StoreCollections.BACKUP_JOBS) && database.getCollection(name).countDocuments() > 0) {
                return false;
            }
        }
        return true;
    }

    private BackupJob existing(Pass pass, String jobId) {
        Optional<BackupJob> job = jobId == null ? Optional.empty()
                : Optional.ofNullable(jobs.get(jobId)).or(() -> register.find(jobId, settings.clock().instant()));
        return job.orElseThrow(() ->
                pass.deny(null, AuditReason.BACKUP_NOT_FOUND, StoreException.notFound(Subject.BACKUP)));
    }

    /** Lists the job here and records it for the other nodes before any work starts. */
    private void begin(BackupJob job) {
        jobs.put(job.id(), job);
        register.save(job, settings.clock().instant());
    }

    /** Records how the job ended; the other nodes read it from the store from now on. */
    private void end(BackupJob job) {
        try {
            register.save(job, settings.clock().instant());
        } catch (RuntimeException e) {
            LOG.errorf("The end of job %s could not be recorded (%s)", job.id(), e.getClass().getSimpleName());
        }
        jobs.remove(job.id());
    }

    private RecordedProgress progressOf(BackupJob job) {
        return new RecordedProgress(job, register, settings.clock());
    }

    private Pass duty(AccessContext ctx, AuditOperation operation) {
        return gate.duty(ctx, Duty.MANAGE_BACKUPS, operation, null);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
