package edu.studentrecords.store.backup;

/**
 * How far a backup or restore is in one collection. Holds counts and collection names only.
 *
 * @param phase      what is being done
 * @param collection the collection
 * @param done       documents done so far in this collection
 * @param total      the best known total: for {@link Phase#BACKUP} and {@link Phase#VERIFY} the collection's size
 *                   when the backup began (an online backup may end with a few more or fewer), for
 *                   {@link Phase#RESTORE} the exact count of the manifest, for {@link Phase#ERASURES} the number
 *                   of ledger entries
 */
public record BackupProgress(Phase phase, String collection, long done, long total) {

    /** The steps a progress report can belong to. */
    public enum Phase {
        /** Reading the database into a backup file. */
        BACKUP,
        /** Reading and authenticating a whole backup file, writing nothing ({@link StoreBackup#verify}). */
        VERIFY,
        /** Reading a backup file once and writing it into the database as its chunks authenticate. */
        RESTORE,
        /** Destroying again every record of the erasure ledger after a restore. */
        ERASURES
    }

    /** A line for a terminal or a log: phase, collection and counts. */
    public String describe() {
        return phase.name().toLowerCase(java.util.Locale.ROOT) + " " + collection + ": " + done + "/" + total;
    }
}
