package edu.studentrecords.benchmarks.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What the report takes from one benchmark's results file: only its latest run, that is everything before the first
 * heading that starts with "Earlier".
 *
 * @param path the file, relative to the repository root
 * @param title the text of its first level-one heading
 * @param command the command that made it (the code span after "Made by" or "Command:")
 * @param machine the machine and date as the file gives them (the "Machine:" line, or what follows the command)
 * @param tables its tables in order; the first is the main comparison with its baseline
 * @param goalNotes the Markdown of its paragraphs that state goals, unchanged
 * @param goals the goals those paragraphs state
 */
record ResultsFile(Path path, String title, String command, String machine, List<ResultTable> tables,
                   List<String> goalNotes, List<Goal> goals) {

    ResultsFile {
        tables = List.copyOf(tables);
        goalNotes = List.copyOf(goalNotes);
        goals = List.copyOf(goals);
    }

    /** A name for files made from this one, from its path: {@code records-store/benchmarks/x.md} gives {@code records-store-x}. */
    String slug() {
        String name = path.toString().replace('\\', '/').replace("/benchmarks/", "/").replaceAll("\\.md$", "");
        return name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase(java.util.Locale.ROOT);
    }
}
