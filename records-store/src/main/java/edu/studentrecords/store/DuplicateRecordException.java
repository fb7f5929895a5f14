package edu.studentrecords.store;

/**
 * A record would take a unique key another record holds: its student number, its resident ID number, or
 * its Keycloak user. The message names which key, never its value.
 */
public final class DuplicateRecordException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    /** Which unique key collided, as a field path of the contract. */
    private final String field;

    public DuplicateRecordException(String field) {
        super("another record already has this " + field);
        this.field = field;
    }

    /** The field path whose value is taken, e.g. {@code profile.studentNumber}. */
    public String field() {
        return field;
    }

    /** Maps a duplicate-key message of MongoDB (or the embedded engine) to the field it concerns. */
    public static DuplicateRecordException fromIndexMessage(String message) {
        String m = message == null ? "" : message;
        if (m.contains("residentId_unique") || m.contains("rid")) {
            return new DuplicateRecordException("identity.residentIdNumber");
        }
        if (m.contains("owner")) {
            return new DuplicateRecordException("owner");
        }
        return new DuplicateRecordException("profile.studentNumber");
    }
}
