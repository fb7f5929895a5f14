package edu.studentrecords.store.internal.backup;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import edu.studentrecords.store.backup.BackupJob;
import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.BackupProgress;
import edu.studentrecords.store.backup.CollectionSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The backup and restore jobs of a realm as the store records them, so that every node of a cluster lists the same
 * jobs: the node running a job writes its state at start, as it progresses and when it ends. A job still running when
 * its node died is shown failed once nothing has been heard of it for {@link #SILENT}. Counts, checksums and file names
 * only. Thread-safe.
 */
final class BackupJobRegister {

    /** How long a running job may go without a word before it counts as failed (its node stopped). */
    static final Duration SILENT = Duration.ofMinutes(10);
    /** How many jobs a list shows. */
    static final int LISTED = 100;

    private final MongoCollection<Document> jobs;

    BackupJobRegister(MongoCollection<Document> jobs) {
        this.jobs = jobs;
    }

    void save(BackupJob job, Instant at) {
        jobs.replaceOne(eq("_id", job.id()), encode(job, at), new ReplaceOptions().upsert(true));
    }

    List<BackupJob> latest(Instant now) {
        List<BackupJob> listed = new ArrayList<>();
        for (Document doc : jobs.find().sort(Sorts.orderBy(Sorts.descending("startedAt"), Sorts.ascending("_id")))
                .limit(LISTED)) {
            listed.add(decode(doc, now));
        }
        return listed;
    }

    Optional<BackupJob> find(String id, Instant now) {
        return Optional.ofNullable(jobs.find(eq("_id", id)).first()).map(doc -> decode(doc, now));
    }

    private static Document encode(BackupJob job, Instant at) {
        Document doc = new Document("_id", job.id())
                .append("kind", job.kind().name())
                .append("file", job.file())
                .append("startedAt", Date.from(job.startedAt()))
                .append("status", job.status().name())
                .append("finishedAt", job.finishedAt() == null ? null : Date.from(job.finishedAt()))
                .append("heardAt", Date.from(at));
        BackupProgress progress = job.progress();
        if (progress != null) {
            doc.append("progress", new Document("phase", progress.phase().name())
                    .append("collection", progress.collection())
                    .append("done", progress.done())
                    .append("total", progress.total()));
        }
        BackupManifest manifest = job.manifest();
        if (manifest != null) {
            List<Document> collections = manifest.collections().stream().map(c -> new Document("name", c.name())
                    .append("documents", c.documents()).append("sha256", c.sha256())).toList();
            doc.append("manifest", new Document("formatVersion", manifest.formatVersion())
                    .append("database", manifest.database())
                    .append("startedAt", Date.from(manifest.startedAt()))
                    .append("finishedAt", Date.from(manifest.finishedAt()))
                    .append("collections", collections));
        }
        return doc;
    }

    private static BackupJob decode(Document doc, Instant now) {
        BackupJob.Status status = BackupJob.Status.valueOf(doc.getString("status"));
        Instant finishedAt = instant(doc, "finishedAt");
        if (status == BackupJob.Status.RUNNING && instant(doc, "heardAt").isBefore(now.minus(SILENT))) {
            status = BackupJob.Status.FAILED;
        }
        return BackupJob.recorded(doc.getString("_id"), BackupJob.Kind.valueOf(doc.getString("kind")),
                doc.getString("file"), instant(doc, "startedAt"), status, finishedAt, progress(doc), manifest(doc));
    }

    private static BackupProgress progress(Document doc) {
        Document progress = doc.get("progress", Document.class);
        if (progress == null) {
            return null;
        }
        return new BackupProgress(BackupProgress.Phase.valueOf(progress.getString("phase")),
                progress.getString("collection"), progress.getLong("done"), progress.getLong("total"));
    }

    private static BackupManifest manifest(Document doc) {
        Document manifest = doc.get("manifest", Document.class);
        if (manifest == null) {
            return null;
        }
        List<CollectionSummary> collections = manifest.getList("collections", Document.class).stream()
                .map(c -> new CollectionSummary(c.getString("name"), c.getLong("documents"), c.getString("sha256")))
                .toList();
        return new BackupManifest(manifest.getInteger("formatVersion"), manifest.getString("database"),
                instant(manifest, "startedAt"), instant(manifest, "finishedAt"), collections);
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
