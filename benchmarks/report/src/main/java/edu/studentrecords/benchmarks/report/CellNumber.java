package edu.studentrecords.benchmarks.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number as the results files write it in a table cell: thousands separated by commas, perhaps followed by a unit
 * ({@code 1,136}, {@code 5.14}, {@code 1.39x}, {@code 113.6 s}, {@code 2.16 ms}).
 *
 * @param value the number
 * @param unit what follows it ({@code x}, {@code ms}, {@code s}, …), empty when nothing does
 */
record CellNumber(double value, String unit) {

    private static final Pattern NUMBER = Pattern.compile("^([-+]?\\d+(?:\\.\\d+)?)\\s*([A-Za-zµ%/]+)?$");

    /** The number a cell holds, or empty when it holds text. */
    static Optional<CellNumber> parse(String cell) {
        String plain = cell.replace("*", "").replace("`", "").strip();
        if (plain.matches(".*\\d,\\d{3}.*")) {
            plain = plain.replaceAll("(?<=\\d),(?=\\d{3}\\b)", "");
        }
        Matcher number = NUMBER.matcher(plain);
        if (!number.matches()) {
            return Optional.empty();
        }
        return Optional.of(new CellNumber(Double.parseDouble(number.group(1)),
            number.group(2) == null ? "" : number.group(2)));
    }
}
