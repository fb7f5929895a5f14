package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.store.backup.BackupJob;
import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.BackupProgress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backup or restore job as {@code /backups} shows it: {@code id, kind, status, startedAt, finishedAt,
 * progress{collection, done, total}, manifest, file}. Counts and checksums only, nothing of a record.
 */
public final class BackupRepresentation {

    private BackupRepresentation() {
    }

    public static Map<String, Object> of(BackupJob job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id());
        body.put("kind", job.kind().name());
        body.put("status", job.status().name());
        body.put("startedAt", job.startedAt());
        body.put("finishedAt", job.finishedAt());
        BackupProgress now = job.progress();
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("collection", now == null ? null : now.collection());
        progress.put("done", now == null ? 0 : now.done());
        progress.put("total", now == null ? 0 : now.total());
        body.put("progress", progress);
        BackupManifest sealed = job.manifest();
        if (sealed == null) {
            body.put("manifest", null);
        } else {
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("formatVersion", sealed.formatVersion());
            manifest.put("startedAt", sealed.startedAt());
            manifest.put("finishedAt", sealed.finishedAt());
            manifest.put("totalDocuments", sealed.totalDocuments());
            Map<String, Object> collections = new LinkedHashMap<>();
            sealed.collections().forEach(c -> collections.put(c.name(),
                    Map.of("documents", c.documents(), "sha256", c.sha256())));
            manifest.put("collections", collections);
            body.put("manifest", manifest);
        }
        body.put("file", job.file());
        return body;
    }
}
