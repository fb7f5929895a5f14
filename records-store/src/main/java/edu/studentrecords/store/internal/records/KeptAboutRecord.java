package edu.studentrecords.store.internal.records;

import edu.studentrecords.store.consent.ConsentPurpose;
import edu.studentrecords.store.consent.ConsentState;
import edu.studentrecords.store.notices.OwnNotices;
import edu.studentrecords.store.reports.MisuseReport;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the store keeps about one record besides the record, its history and its corrections, read without a decision of
 * its own: a student's export is decided once and covers all of it.
 *
 * @param reports  the misuse reports and questions about a record, newest first
 * @param consents the consents of the purposes for a record, with their history
 * @param notices  the notices that concerned a record
 */
public record KeptAboutRecord(Function<String, List<MisuseReport>> reports,
        BiFunction<String, List<ConsentPurpose>, List<ConsentState>> consents, Function<String, OwnNotices> notices) {
}
