package edu.studentrecords.store.validation;

/**
 * A reference for the GB 11643-1999 check character, written apart from the production code and in a
 * different form: the recursive ISO 7064 MOD 11-2 procedure instead of a weight table. Tests build
 * their numbers with it, so a mistake in either implementation shows.
 */
final class Gb11643Reference {

    private Gb11643Reference() {
    }

    /** ISO 7064 MOD 11-2: p = (p + digit) * 2 mod 11 over the 17 digits; the check c satisfies (p + c) mod 11 = 1. */
    static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 digits");
        }
        int p = 0;
        for (char c : first17.toCharArray()) {
            p = ((p + Character.digit(c, 10)) * 2) % 11;
        }
        int check = (12 - p) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    /** A number with a correct check character, whatever the other parts hold. */
    static String number(String addressCode, String yyyymmdd, String orderCode) {
        String body = addressCode + yyyymmdd + orderCode;
        return body + checkCharacter(body);
    }

    /** The same number with a check character that is certainly wrong. */
    static String withWrongCheckCharacter(String valid, int shift) {
        String alphabet = "0123456789X";
        int index = alphabet.indexOf(valid.charAt(17));
        char wrong = alphabet.charAt((index + 1 + Math.floorMod(shift, 10)) % 11);
        return valid.substring(0, 17) + wrong;
    }
}
