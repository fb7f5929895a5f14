package edu.studentrecords.it;

/** Who calls the API in a test: a token (null: none) and the Data-Purpose it declares (null: none), with a label. */
record Caller(String label, String token, String purpose) {

    /** The same token declaring another purpose (null: none). */
    Caller withPurpose(String otherPurpose) {
        return new Caller(label + (otherPurpose == null ? ", no purpose" : ", purpose " + otherPurpose), token,
            otherPurpose);
    }
}
