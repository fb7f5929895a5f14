package edu.studentrecords.store.backup;

import edu.studentrecords.store.RecordStoreException;

/**
 * A backup file that fails its checks: a chunk that does not authenticate, chunks out of order or missing, a
 * file cut short or with bytes after its end, a different backup key, or contents that disagree with the
 * manifest. A restore that throws this has written nothing. The message says what failed and where (chunk
 * number, collection name), never any content.
 */
public final class CorruptBackupException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public CorruptBackupException(String message) {
        super(message);
    }
}
