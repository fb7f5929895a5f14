package edu.studentrecords.search.internal;

/**
 * A feed event whose record cannot be made into an index document: the entry's own fault, not the index's or the
 * store's, so retrying it cannot help. Carries a stable reason code; the message is the code, and no cause is kept
 * (what failed may quote the record's values).
 */
public final class UnindexableRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The record's unit is not a unit path (e.g. it has a {@code ..} segment), or is {@code *}. */
    public static final String UNIT_INVALID = "UNIT_INVALID";
    /** A profile field every document needs is missing. */
    public static final String PROFILE_INCOMPLETE = "PROFILE_INCOMPLETE";
    /** Building the document failed otherwise. */
    public static final String DOCUMENT_FAILED = "DOCUMENT_FAILED";
    /** The index refused the document (e.g. a term longer than it takes). */
    public static final String DOCUMENT_REJECTED = "DOCUMENT_REJECTED";

    private final String reasonCode;

    /** @param reasonCode one of the codes above */
    public UnindexableRecordException(String reasonCode) {
        super(reasonCode);
        this.reasonCode = reasonCode;
    }

    /** Why, as a stable code for the store's quarantine. */
    public String reasonCode() {
        return reasonCode;
    }
}
