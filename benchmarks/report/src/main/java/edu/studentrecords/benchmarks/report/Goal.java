package edu.studentrecords.benchmarks.report;

/**
 * A goal a results file states, as it states it: what is aimed for, whether this run met it, and by how much where
 * the file says (the text in brackets after "met" or "not met", e.g. {@code 0.48x}); empty where it does not.
 */
record Goal(String description, boolean met, String margin) {
}
