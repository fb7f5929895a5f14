package edu.studentrecords.benchmarks.report;

import java.util.List;

/**
 * One Markdown table of a results file: its header cells and rows as plain text (code spans without their backticks),
 * the table's own Markdown, to be copied into the report unchanged, and the heading it stands under (empty under the
 * title).
 */
record ResultTable(List<String> header, List<List<String>> rows, String markdown, String section) {

    ResultTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** The cell of a row in a column, or an empty string where the row is shorter than the header. */
    String cell(int row, int column) {
        List<String> cells = rows.get(row);
        return column < cells.size() ? cells.get(column) : "";
    }
}
