package edu.studentrecords.store.backup;

import java.time.Instant;
import java.util.Objects;

/**
 * One backup or restore of a realm's store started through {@link Backups}: as it runs on the node that started it,
 * or as the store last recorded it for the other nodes.
 * Updated by the worker thread, read by callers: every field is volatile and written before the status that
 * publishes it. Holds counts, checksums and a file name, never anything of a record.
 */
public final class BackupJob implements ProgressListener {

    /** What the job does. */
    public enum Kind { BACKUP, RESTORE }

    /** Where it is. */
    public enum Status { RUNNING, DONE, FAILED }

    private final String id;
    private final Kind kind;
    private final String file;
    private final Instant startedAt;
    private volatile Status status = Status.RUNNING;
    private volatile Instant finishedAt;
    private volatile BackupProgress progress;
    private volatile BackupManifest manifest;

    /** A job that has just started. */
    public BackupJob(String id, Kind kind, String file, Instant startedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.file = Objects.requireNonNull(file, "file");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    /** A job as another node (or an earlier run of this one) left it in the store. */
    public static BackupJob recorded(String id, Kind kind, String file, Instant startedAt, Status status,
            Instant finishedAt, BackupProgress progress, BackupManifest manifest) {
        BackupJob job = new BackupJob(id, kind, file, startedAt);
        job.progress = progress;
        job.manifest = manifest;
        job.finishedAt = finishedAt;
        job.status = Objects.requireNonNull(status, "status");
        return job;
    }

    @Override
    public void onProgress(BackupProgress progress) {
        this.progress = progress;
    }

    /** Marks the job done with the manifest of what was backed up or restored. */
    public void finished(BackupManifest manifest, Instant at) {
        this.manifest = manifest;
        this.finishedAt = at;
        this.status = Status.DONE;
    }

    /** Marks the job failed. */
    public void failed(Instant at) {
        this.finishedAt = at;
        this.status = Status.FAILED;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The backup file's name in the realm's backup folder. */
    public String file() {
        return file;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Status status() {
        return status;
    }

    /** When it finished or failed; null while running. */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** The latest progress report; null before the first. */
    public BackupProgress progress() {
        return progress;
    }

    /** The manifest once done; null before. */
    public BackupManifest manifest() {
        return manifest;
    }
}
