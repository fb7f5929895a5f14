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
import java.util.Comparator;
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
 * folder. Logs ids and failure types only. Thread-safe.
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

    public BackupDesk(RecordGate gate, StoreSettings settings, MongoClient client) {
        this.gate = gate;
        this.settings = settings;
        this.client = client;
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
        jobs.put(id, job);
        worker.execute(() -> {
            try (StoreBackup backup = StoreBackup.using(settings, client)) {
                BackupManifest manifest = backup.backup(Files.createDirectories(folder).resolve(job.file()), job);
                job.finished(manifest, Instant.now());
            } catch (IOException | RuntimeException e) {
                LOG.errorf("Backup %s failed (%s)", id, e.getClass().getSimpleName());
                job.failed(Instant.now());
            }
        });
        return job;
    }

    @Override
    public List<BackupJob> list(AccessContext ctx) {
        duty(ctx, AuditOperation.BACKUP_LIST).allow(null);
        return jobs.values().stream()
                .sorted(Comparator.comparing(BackupJob::startedAt).reversed().thenComparing(BackupJob::id)).toList();
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
        jobs.put(job.id(), job);
        worker.execute(() -> {
            try (StoreBackup backup = StoreBackup.using(settings, client)) {
                job.finished(backup.restore(settings.backupDirectory().resolve(from.file()), job).manifest(), Instant.now());
            } catch (RuntimeException e) {
                LOG.errorf("Restore %s failed (%s)", job.id(), e.getClass().getSimpleName());
                job.failed(Instant.now());
            }
        });
        return job;
    }

    /** Whether the store's database holds no document at all: the only state a restore writes into. */
    private boolean storeIsEmpty() {
        MongoDatabase database = client.getDatabase(settings.database());
        for (String name : database.listCollectionNames()) {
            if (database.getCollection(name).countDocuments() > 0) {
                return false;
            }
        }
        return true;
    }

    private BackupJob existing(Pass pass, String jobId) {
        return Optional.ofNullable(jobId == null ? null : jobs.get(jobId)).orElseThrow(() ->
                pass.deny(null, AuditReason.BACKUP_NOT_FOUND, StoreException.notFound(Subject.BACKUP)));
    }

    private Pass duty(AccessContext ctx, AuditOperation operation) {
        return gate.duty(ctx, Duty.MANAGE_BACKUPS, operation, null);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
