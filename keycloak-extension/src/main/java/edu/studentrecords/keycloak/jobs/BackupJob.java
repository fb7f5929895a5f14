package edu.studentrecords.keycloak.jobs;

import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.BackupProgress;
import edu.studentrecords.store.backup.ProgressListener;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One backup or restore of a realm's store run by {@link BackupJobs} on this node, as {@code /backups} shows it:
 * {@code id, kind, status, startedAt, finishedAt, progress{collection, done, total}, manifest, file}. Updated by the
 * worker thread, read by requests: every field is volatile and written before the status that publishes it.
 */
public final class BackupJob implements ProgressListener {

    public enum Kind { BACKUP, RESTORE }

    public enum Status { RUNNING, DONE, FAILED }

    private final String id;
    private final String realmId;
    private final Kind kind;
    private final String file;
    private final Instant startedAt;
    private volatile Status status = Status.RUNNING;
    private volatile Instant finishedAt;
    private volatile BackupProgress progress;
    private volatile BackupManifest manifest;

    BackupJob(String id, String realmId, Kind kind, String file, Instant startedAt) {
        this.id = id;
        this.realmId = realmId;
        this.kind = kind;
        this.file = file;
        this.startedAt = startedAt;
    }

    @Override
    public void onProgress(BackupProgress progress) {
        this.progress = progress;
    }

    void finished(BackupManifest manifest, Instant at) {
        this.manifest = manifest;
        this.finishedAt = at;
        this.status = Status.DONE;
    }

    void failed(Instant at) {
        this.finishedAt = at;
        this.status = Status.FAILED;
    }

    String id() {
        return id;
    }

    String realmId() {
        return realmId;
    }

    String file() {
        return file;
    }

    public Kind kind() {
        return kind;
    }

    public Status status() {
        return status;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The JSON body: counts and checksums only, nothing of a record. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("kind", kind.name());
        body.put("status", status.name());
        body.put("startedAt", startedAt);
        body.put("finishedAt", finishedAt);
        BackupProgress now = progress;
        Map<String, Object> progressBody = new LinkedHashMap<>();
        progressBody.put("collection", now == null ? null : now.collection());
        progressBody.put("done", now == null ? 0 : now.done());
        progressBody.put("total", now == null ? 0 : now.total());
        body.put("progress", progressBody);
        BackupManifest sealed = manifest;
        if (sealed == null) {
            body.put("manifest", null);
        } else {
            Map<String, Object> manifestBody = new LinkedHashMap<>();
            manifestBody.put("formatVersion", sealed.formatVersion());
            manifestBody.put("startedAt", sealed.startedAt());
            manifestBody.put("finishedAt", sealed.finishedAt());
            manifestBody.put("totalDocuments", sealed.totalDocuments());
            Map<String, Object> collections = new LinkedHashMap<>();
            sealed.collections().forEach(c -> collections.put(c.name(),
                    Map.of("documents", c.documents(), "sha256", c.sha256())));
            manifestBody.put("collections", collections);
            body.put("manifest", manifestBody);
        }
        body.put("file", file);
        return body;
    }
}
