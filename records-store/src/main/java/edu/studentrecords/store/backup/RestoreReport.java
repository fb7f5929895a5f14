package edu.studentrecords.store.backup;

/**
 * What a restore did.
 *
 * @param manifest           the manifest of the backup restored
 * @param documentsWritten   documents written into the database
 * @param erasedSkipped      documents of the backup not written because their record is in the erasure ledger
 * @param erasuresReplayed   ledger entries destroyed again after the restore (all of them, found or not)
 */
public record RestoreReport(BackupManifest manifest, long documentsWritten, long erasedSkipped, int erasuresReplayed) {
}
