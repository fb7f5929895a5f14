package edu.studentrecords.store.internal.records;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;

/**
 * The ids of new records: time-ordered UUIDs (version 7 of RFC 9562), the millisecond of enrolment in their first 48
 * bits and 74 bits from a {@link java.security.SecureRandom} after it, drawn afresh for every id (never the previous
 * id plus one), so that an id still cannot be guessed from another.
 *
 * <p>Why time-ordered: the store keeps a collection's documents, and each unique index, in the order of their keys,
 * and the embedded engine writes out in full every page a commit changed. With random ids every record of an import
 * lands on a page of its own in the records, their data keys, their version keys and their audit history, so each
 * batch rewrote hundreds of pages for a few new keys in each; records enrolled together now share their pages. Their
 * string form sorts in the same order (fixed-width lower-case hexadecimal). What an id tells a reader is when the
 * record was created, to the millisecond.
 */
final class RecordIds {

    private static final TimeBasedEpochRandomGenerator GENERATOR = Generators.timeBasedEpochRandomGenerator();

    private RecordIds() {
    }

    /** A new record id in its string form. Thread-safe. */
    static String next() {
        return GENERATOR.generate().toString();
    }
}
