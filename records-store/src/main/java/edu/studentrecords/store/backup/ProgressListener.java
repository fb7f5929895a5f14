package edu.studentrecords.store.backup;

/**
 * Told how a backup or restore advances: at the start and end of every collection and every
 * {@value #EVERY} documents in between. Called on the thread doing the work; must be quick and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /** How many documents pass between two reports within a collection. */
    int EVERY = 1000;

    /** A listener that ignores everything. */
    ProgressListener NONE = progress -> { };

    void onProgress(BackupProgress progress);
}
