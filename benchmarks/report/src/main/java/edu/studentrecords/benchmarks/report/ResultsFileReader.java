package edu.studentrecords.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a benchmark's results file, which by convention has a {@code # Title} first, then a paragraph with the exact
 * command ({@code Made by `…`} or {@code Command: `…`}), the machine (a {@code Machine:} line, or after the command in
 * the same paragraph), then tables, the first being the main comparison with its baseline. Only the latest run is
 * read: the file ends, for the report, at its first heading that starts with "Earlier".
 */
final class ResultsFileReader {

    private static final Pattern COMMAND_OPENING = Pattern.compile("^(?:Made by|Command:)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MACHINE_OPENING = Pattern.compile("^Machine:\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern FROM_ROOT = Pattern.compile("^\\s*\\(from the repository root\\)\\s*");

    private final Parser parser = Parser.builder()
        .extensions(List.of(TablesExtension.create()))
        .includeSourceSpans(IncludeSourceSpans.BLOCKS)
        .build();

    /**
     * Reads {@code file}, named in the result by its path relative to {@code root}.
     *
     * @throws IllegalArgumentException naming the file and what it lacks, when it does not follow the convention
     */
    ResultsFile read(Path root, Path file) throws IOException {
        String source = Files.readString(file);
        Node document = parser.parse(source);
        Path relative = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        String title = null;
        String command = null;
        String machine = null;
        List<ResultTable> tables = new ArrayList<>();
        List<String> goalNotes = new ArrayList<>();
        List<Goal> goals = new ArrayList<>();
        String section = "";
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading heading) {
                String text = plain(heading).strip();
                if (text.startsWith("Earlier")) {
                    break;
                }
                if (title == null && heading.getLevel() == 1) {
                    title = text;
                } else {
                    section = text;
                }
            } else if (block instanceof Paragraph paragraph) {
                String text = plain(paragraph).strip();
                if (command == null && COMMAND_OPENING.matcher(text).find() && firstCode(paragraph) != null) {
                    Code code = firstCode(paragraph);
                    command = code.getLiteral();
                    if (machine == null) {
                        machine = after(code);
                    }
                } else if (MACHINE_OPENING.matcher(text).find()) {
                    machine = MACHINE_OPENING.matcher(firstLine(source, paragraph)).replaceFirst("");
                } else if (GoalStatement.states(text)) {
                    String markdown = markdown(source, paragraph);
                    goalNotes.add(markdown);
                    goals.addAll(GoalStatement.read(markdown));
                }
            } else if (block instanceof TableBlock table) {
                tables.add(table(source, table, section));
            }
        }
        require(title != null, relative, "a first line `# Title`");
        require(command != null, relative, "a line with the command (Made by `...` or Command: `...`)");
        require(!tables.isEmpty(), relative, "a Markdown table");
        return new ResultsFile(relative, title, command, machine == null || machine.isBlank() ? "not stated" : machine,
            tables, goalNotes, goals);
    }

    private static void require(boolean present, Path file, String what) {
        if (!present) {
            throw new IllegalArgumentException(file + " lacks " + what);
        }
    }

    private static ResultTable table(String source, TableBlock table, String section) {
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                if (row instanceof TableRow) {
                    List<String> cells = new ArrayList<>();
                    for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                        if (cell instanceof TableCell) {
                            cells.add(plain(cell).strip());
                        }
                    }
                    if (part instanceof TableHead) {
                        header.addAll(cells);
                    } else {
                        rows.add(cells);
                    }
                }
            }
        }
        return new ResultTable(header, rows, markdown(source, table), section);
    }

    /** The text of a node, code spans without their backticks, line breaks as spaces. */
    private static String plain(Node node) {
        StringBuilder text = new StringBuilder();
        collect(node, text);
        return text.toString();
    }

    private static void collect(Node node, StringBuilder text) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                text.append(t.getLiteral());
            } else if (child instanceof Code c) {
                text.append(c.getLiteral());
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                text.append(' ');
            } else {
                collect(child, text);
            }
        }
    }

    private static Code firstCode(Paragraph paragraph) {
        for (Node child = paragraph.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Code code) {
                return code;
            }
        }
        return null;
    }

    /** What a paragraph says after one of its code spans, without "(from the repository root)". */
    private static String after(Code code) {
        StringBuilder text = new StringBuilder();
        for (Node child = code.getNext(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                text.append(t.getLiteral());
            } else if (child instanceof Code c) {
                text.append('`').append(c.getLiteral()).append('`');
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                text.append(' ');
            } else {
                text.append(plain(child));
            }
        }
        return FROM_ROOT.matcher(text).replaceFirst("").strip();
    }

    /** The Markdown a block was parsed from. */
    private static String markdown(String source, Node block) {
        List<SourceSpan> spans = block.getSourceSpans();
        SourceSpan first = spans.get(0);
        SourceSpan last = spans.get(spans.size() - 1);
        return source.substring(first.getInputIndex(), last.getInputIndex() + last.getLength());
    }

    private static String firstLine(String source, Node block) {
        SourceSpan first = block.getSourceSpans().get(0);
        return source.substring(first.getInputIndex(), first.getInputIndex() + first.getLength()).strip();
    }
}
