package edu.studentrecords.benchmarks.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the chart of a benchmark's main table shows: one group of bars per row, one bar per chosen column, and which
 * rows and columns are the baseline.
 *
 * <p>The columns: every throughput column (a header with {@code /s} or "throughput"); without one, the p50 or median
 * latency columns; without those, every time column; else the first numeric column after the row names. Ratio columns
 * (a header with "ratio", "vs" or " / ", or values ending in {@code x}) are never drawn. A column whose header says
 * "baseline" is a baseline column. A row is a baseline row when one of its ratio columns holds exactly 1, or its name
 * starts with "raw" or says "baseline".
 *
 * @param title the chart's title
 * @param valueAxis the value axis's label, with its unit
 * @param reading how to read the bars (longer is faster, or shorter is)
 * @param series the drawn columns' headers, in order
 * @param baselineSeries which of them are baseline columns
 * @param categories one name per row, made unique, baseline rows marked
 * @param baselineCategories which of the rows are baseline rows
 * @param values {@code values.get(series).get(category)}, null where a cell is empty
 */
record ChartPlan(String title, String valueAxis, String reading, List<String> series, Set<String> baselineSeries,
                 List<String> categories, Set<String> baselineCategories, List<List<Double>> values) {

    private static final Pattern RATIO = Pattern.compile("ratio|\\bvs\\b| / ", Pattern.CASE_INSENSITIVE);
    private static final Pattern RATE = Pattern.compile("/s\\b|throughput|per second", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEDIAN = Pattern.compile("\\bp50\\b|median", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("\\bp\\d+\\b|median|time|seconds|latency|\\((ms|us|µs|s)\\)",
        Pattern.CASE_INSENSITIVE);
    private static final int MAX_SERIES = 3;
    private static final int MAX_LABEL = 90;

    /** Plans the chart of {@code table}, titled {@code title}; empty when the table has no column to draw. */
    static Optional<ChartPlan> of(String title, ResultTable table) {
        List<Integer> numeric = new ArrayList<>();
        List<Integer> ratios = new ArrayList<>();
        for (int column = 1; column < table.header().size(); column++) {
            if (isNumeric(table, column)) {
                (isRatio(table, column) ? ratios : numeric).add(column);
            }
        }
        List<Integer> drawn = matching(table, numeric, RATE);
        boolean higherIsBetter = true;
        if (drawn.isEmpty()) {
            drawn = matching(table, numeric, MEDIAN);
            if (drawn.isEmpty()) {
                drawn = matching(table, numeric, TIME);
            }
            higherIsBetter = false;
            if (drawn.isEmpty() && !numeric.isEmpty()) {
                drawn = List.of(numeric.get(0));
            }
        }
        if (drawn.isEmpty() || table.rows().isEmpty()) {
            return Optional.empty();
        }
        drawn = drawn.subList(0, Math.min(MAX_SERIES, drawn.size()));

        List<String> series = new ArrayList<>();
        Set<String> baselineSeries = new LinkedHashSet<>();
        for (int column : drawn) {
            String header = table.header().get(column);
            series.add(header);
            if (header.toLowerCase(Locale.ROOT).contains("baseline")) {
                baselineSeries.add(header);
            }
        }
        List<String> categories = names(table, drawn);
        Set<String> baselineCategories = new LinkedHashSet<>();
        for (int row = 0; row < table.rows().size(); row++) {
            if (isBaselineRow(table, row, ratios)) {
                String marked = categories.get(row) + " (baseline)";
                categories.set(row, marked);
                baselineCategories.add(marked);
            }
        }
        List<List<Double>> values = new ArrayList<>();
        for (int column : drawn) {
            List<Double> ofColumn = new ArrayList<>();
            for (int row = 0; row < table.rows().size(); row++) {
                ofColumn.add(CellNumber.parse(table.cell(row, column)).map(CellNumber::value).orElse(null));
            }
            values.add(ofColumn);
        }
        String axis = withUnit(table, drawn.get(0));
        String reading = higherIsBetter ? "longer bars are faster" : "shorter bars are faster";
        return Optional.of(new ChartPlan(title, axis, reading, List.copyOf(series), Set.copyOf(baselineSeries),
            List.copyOf(categories), Set.copyOf(baselineCategories), values.stream().map(ChartPlan::copy).toList()));
    }

    private static List<Double> copy(List<Double> values) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }

    private static boolean isNumeric(ResultTable table, int column) {
        boolean any = false;
        for (int row = 0; row < table.rows().size(); row++) {
            String cell = table.cell(row, column).strip();
            if (cell.isEmpty() || cell.equals("-") || cell.equals("—")) {
                continue;
            }
            if (CellNumber.parse(cell).isEmpty()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static boolean isRatio(ResultTable table, int column) {
        if (RATIO.matcher(table.header().get(column)).find()) {
            return true;
        }
        for (int row = 0; row < table.rows().size(); row++) {
            Optional<CellNumber> number = CellNumber.parse(table.cell(row, column));
            if (number.isPresent() && !number.get().unit().equals("x")) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> matching(ResultTable table, List<Integer> columns, Pattern header) {
        return columns.stream().filter(column -> header.matcher(table.header().get(column)).find()).toList();
    }

    private static boolean isBaselineRow(ResultTable table, int row, List<Integer> ratios) {
        String name = table.cell(row, 0).strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("raw") || name.contains("baseline")) {
            return true;
        }
        for (int column : ratios) {
            Optional<CellNumber> ratio = CellNumber.parse(table.cell(row, column));
            if (ratio.isPresent() && Math.abs(ratio.get().value() - 1.0) < 1e-9) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rows' names: the first cell, shortened; where two rows share a name, the first column not drawn that tells
     * them apart is added, e.g. {@code (client threads 16)}.
     */
    private static List<String> names(ResultTable table, List<Integer> drawn) {
        List<String> names = new ArrayList<>();
        for (int row = 0; row < table.rows().size(); row++) {
            names.add(shorten(table.cell(row, 0)));
        }
        if (unique(names)) {
            return names;
        }
        for (int column = 1; column < table.header().size(); column++) {
            if (drawn.contains(column)) {
                continue;
            }
            List<String> told = new ArrayList<>();
            for (int row = 0; row < table.rows().size(); row++) {
                told.add(names.get(row) + " (" + table.header().get(column) + " " + table.cell(row, column) + ")");
            }
            if (unique(told)) {
                return told;
            }
        }
        List<String> numbered = new ArrayList<>();
        for (int row = 0; row < names.size(); row++) {
            numbered.add(names.get(row) + " (row " + (row + 1) + ")");
        }
        return numbered;
    }

    private static boolean unique(List<String> names) {
        return new HashSet<>(names).size() == names.size();
    }

    private static String shorten(String name) {
        String plain = name.replaceAll("\\s+", " ").strip();
        return plain.length() <= MAX_LABEL ? plain : plain.substring(0, MAX_LABEL - 1).strip() + "…";
    }

    /** The column's header, with the unit its cells carry when the header does not say it. */
    private static String withUnit(ResultTable table, int column) {
        String header = table.header().get(column);
        Set<String> units = new HashSet<>();
        for (int row = 0; row < table.rows().size(); row++) {
            CellNumber.parse(table.cell(row, column)).ifPresent(number -> units.add(number.unit()));
        }
        if (units.size() == 1 && !units.contains("") && !header.contains("(")) {
            return header + " (" + units.iterator().next() + ")";
        }
        return header;
    }
}
