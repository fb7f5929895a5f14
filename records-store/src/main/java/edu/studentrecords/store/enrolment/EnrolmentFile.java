package edu.studentrecords.store.enrolment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.internal.json.JsonPaths;
import edu.studentrecords.store.internal.mongo.RecordJson;
import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.StrictJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an enrolment file into rows: CSV with a header row (columns in {@link CsvColumns}), parsed with Jackson's
 * CSV module, or NDJSON, one JSON object per line shaped like the body of {@code POST /records}
 * ({@code profile}, {@code identity}, {@code contact}, {@code guardians}, optionally {@code ownerSubject}).
 *
 * <p>A row that cannot be read (a malformed line, a cell of the wrong type, a wrong number of cells) becomes a row
 * with errors, and the rest of the file is still read; a file that cannot be read at all throws
 * {@link UnreadableFileException}. Errors name fields and rules, never values. Stateless and thread-safe.
 */
public final class EnrolmentFile {

    /** The most rows one import takes by default. */
    public static final int DEFAULT_MAX_ROWS = 10_000;

    /** A CSV file's cells are text: a boolean or a number is read from its text. */
    private static final ObjectMapper CSV_CELLS = StrictJson.textCells();
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    private EnrolmentFile() {
    }

    /**
     * Reads a CSV file with a header row.
     *
     * @param maxRows the most data rows taken
     * @throws UnreadableFileException when there is no header, a column is unknown or repeated, or the CSV is broken
     * @throws TooManyRowsException    when the file has more than {@code maxRows} data rows
     */
    public static List<EnrolmentRow> readCsv(Reader csv, int maxRows) {
        try (MappingIterator<String[]> lines = CSV.readerFor(String[].class).readValues(csv)) {
            if (!lines.hasNextValue()) {
                throw StoreException.malformed(StoreException.Subject.ENROLMENT_FILE, "the file is empty: it needs a header row and at least one row");
            }
            List<CsvColumns.Column> columns = header(lines.nextValue());
            List<EnrolmentRow> rows = new ArrayList<>();
            while (lines.hasNextValue()) {
                String[] cells = lines.nextValue();
                int row = rows.size() + 1;
                if (row > maxRows) {
                    throw StoreException.tooLarge(StoreException.Subject.ENROLMENT_FILE, maxRows);
                }
                rows.add(csvRow(row, columns, cells));
            }
            return requireRows(rows);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending text: report the place only.
            throw StoreException.malformed(StoreException.Subject.ENROLMENT_FILE, "the CSV cannot be read near line " + e.getLocation().getLineNr()
                    + " (broken quoting or encoding)");
        } catch (IOException e) {
            throw new UncheckedIOException("reading an enrolment file failed", e);
        }
    }

    /**
     * Reads an NDJSON file: one record per non-blank line.
     *
     * @param maxRows the most rows taken
     * @throws UnreadableFileException when the file has no row
     * @throws TooManyRowsException    when the file has more than {@code maxRows} rows
     */
    public static List<EnrolmentRow> readNdjson(Reader ndjson, int maxRows) {
        ObjectMapper json = RecordJson.mapper();
        List<EnrolmentRow> rows = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(ndjson)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int row = rows.size() + 1;
                if (row > maxRows) {
                    throw StoreException.tooLarge(StoreException.Subject.ENROLMENT_FILE, maxRows);
                }
                rows.add(jsonRow(row, json, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading an enrolment file failed", e);
        }
        return requireRows(rows);
    }

    private static List<EnrolmentRow> requireRows(List<EnrolmentRow> rows) {
        if (rows.isEmpty()) {
            throw StoreException.malformed(StoreException.Subject.ENROLMENT_FILE, "the file has no rows");
        }
        return rows;
    }

    private static List<CsvColumns.Column> header(String[] names) {
        List<CsvColumns.Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            // A byte order mark, as spreadsheet programs write it, is not part of the first name.
            String name = (i == 0 ? names[i].replace("\uFEFF", "") : names[i]).strip();
            CsvColumns.Column column = CsvColumns.of(name).orElseThrow(() -> StoreException.malformed(StoreException.Subject.ENROLMENT_FILE, 
                    "column " + (columns.size() + 1) + " of the header is not a column of the enrolment format"));
            if (!seen.add(name)) {
                throw StoreException.malformed(StoreException.Subject.ENROLMENT_FILE, "the column " + name + " appears twice in the header");
            }
            columns.add(column);
        }
        if (columns.stream().noneMatch(c -> c.path().size() > 1 && c.path().get(1).equals("studentNumber"))) {
            throw StoreException.malformed(StoreException.Subject.ENROLMENT_FILE, "the header has no studentNumber column");
        }
        return columns;
    }

    private static EnrolmentRow csvRow(int row, List<CsvColumns.Column> columns, String[] cells) {
        if (cells.length != columns.size()) {
            return EnrolmentRow.unreadable(row, new FieldError("$", "column-count",
                    "has " + cells.length + " cells where the header has " + columns.size()));
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.putObject("profile");
        record.putObject("identity");
        record.putObject("contact");
        TreeMap<Integer, ObjectNode> guardians = new TreeMap<>();
        String owner = null;
        for (int i = 0; i < cells.length; i++) {
            String value = cells[i] == null ? "" : cells[i].strip();
            if (value.isEmpty()) {
                continue;
            }
            CsvColumns.Column column = columns.get(i);
            if (column.isOwner()) {
                owner = value;
            } else if (column.guardian() > 0) {
                guardians.computeIfAbsent(column.guardian(), n -> JsonNodeFactory.instance.objectNode())
                        .put(column.guardianField(), value);
            } else {
                ObjectNode parent = record;
                List<String> path = column.path();
                for (String step : path.subList(0, path.size() - 1)) {
                    parent = parent.has(step) ? (ObjectNode) parent.get(step) : parent.putObject(step);
                }
                parent.put(path.get(path.size() - 1), value);
            }
        }
        ArrayNode list = record.putArray("guardians");
        guardians.values().forEach(list::add);
        try {
            return EnrolmentRow.read(row, CSV_CELLS.treeToValue(record, StudentRecord.class), owner);
        } catch (JsonProcessingException e) {
            return EnrolmentRow.unreadable(row, cellError(e));
        }
    }

    private static EnrolmentRow jsonRow(int row, ObjectMapper json, String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            return EnrolmentRow.unreadable(row, new FieldError("$", "malformed-json", "is not a JSON object"));
        }
        if (node == null || !node.isObject()) {
            return EnrolmentRow.unreadable(row, new FieldError("$", "malformed-json", "is not a JSON object"));
        }
        try {
            Line read = json.treeToValue(node, Line.class);
            return EnrolmentRow.read(row, new StudentRecord(read.profile(), read.identity(), read.contact(),
                    read.guardians() == null ? List.of() : read.guardians()), read.ownerSubject());
        } catch (JsonProcessingException e) {
            return EnrolmentRow.unreadable(row, cellError(e));
        }
    }

    private static FieldError cellError(JsonProcessingException e) {
        String path = e instanceof JsonMappingException mapping ? JsonPaths.of(mapping) : "$";
        if (e instanceof UnrecognizedPropertyException) {
            return new FieldError(path, "unknown-field", "is not a field of a student record");
        }
        if (e instanceof MismatchedInputException) {
            return new FieldError(path, "wrong-type", "has the wrong type or format");
        }
        return new FieldError(path, "unreadable", "cannot be read");
    }


    /** One NDJSON line: the body of {@code POST /records}. */
    record Line(Profile profile, Identity identity, Contact contact, List<Guardian> guardians, String ownerSubject) {

        @Override
        public String toString() {
            return "Line[<hidden>]";
        }
    }
}
