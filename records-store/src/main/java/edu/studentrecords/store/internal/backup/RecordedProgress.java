package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.backup.BackupJob;
import edu.studentrecords.store.backup.BackupProgress;
import edu.studentrecords.store.backup.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A running job's progress, passed to the job (which this node lists at once) and recorded in the store at most once
 * per {@link #EVERY}, so the other nodes see it move without a write per batch. A failed write of progress is logged
 * and skipped: the job itself goes on. Used by the job's one worker thread.
 */
final class RecordedProgress implements ProgressListener {

    static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(RecordedProgress.class);

    private final BackupJob job;
    private final BackupJobRegister register;
    private final Clock clock;
    private Instant lastSaved = Instant.MIN;

    RecordedProgress(BackupJob job, BackupJobRegister register, Clock clock) {
        this.job = job;
        this.register = register;
        this.clock = clock;
    }

    @Override
    public void onProgress(BackupProgress progress) {
        job.onProgress(progress);
        Instant now = clock.instant();
        if (!now.isBefore(lastSaved.plus(EVERY))) {
            lastSaved = now;
            try {
                register.save(job, now);
            } catch (RuntimeException e) {
                LOG.warnf("The progress of job %s could not be recorded (%s)", job.id(), e.getClass().getSimpleName());
            }
        }
    }
}
