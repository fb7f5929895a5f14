package edu.studentrecords.store;

/**
 * No record the caller may see has this id (or key). Deliberately the same whether the record does not
 * exist or the caller may not know it exists.
 */
public final class RecordNotFoundException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public RecordNotFoundException() {
        super("record not found");
    }
}
