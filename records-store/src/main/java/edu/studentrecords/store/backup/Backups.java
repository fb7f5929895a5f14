package edu.studentrecords.store.backup;

import edu.studentrecords.store.access.AccessContext;
import java.util.List;

/**
 * Backups of the realm's store started by the centre (rule 7.2), run off the caller's thread into the store's backup
 * folder with {@link StoreBackup}. Every call is the duty {@code MANAGE_BACKUPS} (administrators), decided by the gate
 * and audited once. The jobs are recorded in the store, so every node of a cluster lists the same jobs and their
 * progress (the files are in the backup folder of the node that ran them: give every node the same shared folder).
 * Thread-safe.
 */
public interface Backups {

    /**
     * Starts a backup into a new file; answers at once with the running job.
     *
     * @throws edu.studentrecords.store.StoreException {@code UNAVAILABLE} when the store has no backup folder
     */
    BackupJob start(AccessContext ctx);

    /** The jobs started on any node, newest first (the latest 100). */
    List<BackupJob> list(AccessContext ctx);

    /** One job, with its progress; {@code NOT_FOUND} when no node started one with this id. */
    BackupJob get(AccessContext ctx, String jobId);

    /**
     * Starts restoring a finished backup into the store, which must be empty (a restore never merges).
     *
     * @throws edu.studentrecords.store.StoreException {@code NOT_FOUND}, or {@code CONFLICT} with code
     *     {@code NOT_FINISHED} (not a finished backup) or {@code NOT_EMPTY} (the store holds documents)
     */
    BackupJob restore(AccessContext ctx, String jobId);
}
