package edu.studentrecords.store.enrolment;

import java.util.List;

/**
 * What an import did, row by row.
 *
 * @param imported how many rows became records
 * @param failed   how many rows did not (nothing of them was written)
 * @param rows     one outcome per row, in file order
 */
public record ImportReport(int imported, int failed, List<RowOutcome> rows) {

    public ImportReport {
        rows = List.copyOf(rows);
    }

    /** The report of {@code rows}, counting them. */
    public static ImportReport of(List<RowOutcome> rows) {
        int imported = (int) rows.stream().filter(RowOutcome::created).count();
        return new ImportReport(imported, rows.size() - imported, rows);
    }
}
