package edu.studentrecords.store.access;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The catalogue of purposes a realm knows from the start (rule 4.1: every access declares one in the
 * {@code Data-Purpose} header). A realm's administrators may change its list; these are the codes the product and its
 * demo campus use.
 */
public enum Purpose {
    /** Teachers' work with their classes. */
    TEACHING("teaching"),
    /** Student services: counselling, welfare, accommodation. */
    STUDENT_SERVICES("student-services"),
    /** The information management centre's own work. */
    ADMINISTRATION("administration"),
    /** The library's lending. */
    LIBRARY_SERVICES("library-services"),
    /** Statistics for outside bodies under an access grant. */
    STATISTICS("statistics");

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    /** The code as the header carries it, e.g. {@code student-services}. */
    public String code() {
        return code;
    }

    /** Every purpose's code, comma separated, in catalogue order: a new realm's list. */
    public static String defaultList() {
        return Arrays.stream(values()).map(Purpose::code).collect(Collectors.joining(","));
    }
}
