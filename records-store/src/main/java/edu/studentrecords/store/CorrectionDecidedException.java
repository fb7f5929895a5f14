package edu.studentrecords.store;

/** A correction request was already approved or rejected (possibly just now, by someone else): nothing changed. */
public final class CorrectionDecidedException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    public CorrectionDecidedException() {
        super("the correction request was already decided");
    }
}
