package edu.studentrecords.store.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The table of contents of a backup file, sealed inside it like the documents, so it is authenticated too.
 *
 * @param formatVersion the file format's version
 * @param database      the database backed up
 * @param startedAt     when the backup began reading; every document was read at or after this time
 * @param finishedAt    when it finished reading; every document was read at or before this time
 * @param collections   every collection, in the order they were read
 */
public record BackupManifest(int formatVersion, String database, Instant startedAt, Instant finishedAt,
        List<CollectionSummary> collections) {

    public BackupManifest {
        collections = List.copyOf(collections);
    }

    /** The summary of a collection, if the backup holds it. */
    public Optional<CollectionSummary> collection(String name) {
        return collections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** How many documents the backup holds in all. */
    public long totalDocuments() {
        return collections.stream().mapToLong(CollectionSummary::documents).sum();
    }
}
