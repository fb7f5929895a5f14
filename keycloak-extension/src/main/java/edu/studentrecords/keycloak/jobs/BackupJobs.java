package edu.studentrecords.keycloak.jobs;

import com.mongodb.client.MongoClient;
import edu.studentrecords.keycloak.spi.DefaultStudentRecordsProviderFactory;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.StoreBackup;
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
 * Backups and restores of realms' stores started over REST, run one at a time off the request thread on a worker of
 * their own, with {@link edu.studentrecords.store.backup.StoreBackup} and its progress listener; files under the SPI
 * option {@code backup-dir}, one sub-folder per realm. Owned by {@link DefaultStudentRecordsProviderFactory} (created in
 * {@code postInit}, closed in {@code close}).
 *
 * <p>Node-local: the list of jobs lives in this node's memory (a restart forgets it; the files stay), and a job is
 * polled on the node that runs it. Logs ids and failure types only.
 */
public final class BackupJobs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackupJobs.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "student-records-backup");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, BackupJob> jobs = new ConcurrentHashMap<>();

    public BackupJobs(Path folder) {
        this.folder = folder;
    }

    /** Starts a backup of the realm's store into a new file; answers at once with the running job. */
    public BackupJob backup(String realmId, StoreSettings settings, MongoClient client, Instant now) {
        String id = UUID.randomUUID().toString();
        String file = "backup-" + FILE_TIME.format(now) + "-" + id.substring(0, 8) + ".srbak";
        BackupJob job = new BackupJob(id, realmId, BackupJob.Kind.BACKUP, file, now);
        jobs.put(id, job);
        worker.execute(() -> {
            try (StoreBackup backup = StoreBackup.using(settings, client)) {
                Path realmFolder = Files.createDirectories(realmFolder(realmId));
                BackupManifest manifest = backup.backup(realmFolder.resolve(file), job);
                job.finished(manifest, Instant.now());
            } catch (IOException | RuntimeException e) {
                LOG.errorf("Backup %s failed (%s)", id, e.getClass().getSimpleName());
                job.failed(Instant.now());
            }
        });
        return job;
    }

    /** Starts restoring a finished backup's file into the realm's store (which must be empty). */
    public BackupJob restore(BackupJob from, StoreSettings settings, MongoClient client, Instant now) {
        String id = UUID.randomUUID().toString();
        BackupJob job = new BackupJob(id, from.realmId(), BackupJob.Kind.RESTORE, from.file(), now);
        jobs.put(id, job);
        worker.execute(() -> {
            try (StoreBackup backup = StoreBackup.using(settings, client)) {
                job.finished(backup.restore(realmFolder(from.realmId()).resolve(from.file()), job).manifest(),
                        Instant.now());
            } catch (RuntimeException e) {
                LOG.errorf("Restore %s failed (%s)", id, e.getClass().getSimpleName());
                job.failed(Instant.now());
            }
        });
        return job;
    }

    /** The realm's jobs on this node, newest first. */
    public List<BackupJob> of(String realmId) {
        return jobs.values().stream().filter(job -> job.realmId().equals(realmId))
                .sorted(Comparator.comparing(BackupJob::startedAt).reversed().thenComparing(BackupJob::id)).toList();
    }

    /** One job of the realm. */
    public Optional<BackupJob> get(String realmId, String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id)).filter(job -> job.realmId().equals(realmId));
    }

    private Path realmFolder(String realmId) {
        return folder.resolve(realmId.replaceAll("[^A-Za-z0-9-]", "_"));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
