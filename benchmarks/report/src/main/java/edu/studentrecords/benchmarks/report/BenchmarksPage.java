package edu.studentrecords.benchmarks.report;

import java.util.List;
import java.util.Map;

/**
 * The Markdown of {@code BENCHMARKS.md}: a summary of every goal the results files state, then per benchmark its
 * title, results file, command, machine and date, the chart of its first table, its tables and its goals as written.
 */
final class BenchmarksPage {

    private BenchmarksPage() {
    }

    /**
     * @param files the results files, in the order to show them
     * @param charts each file's chart; a file without a chart is absent
     * @param unread results files that do not follow the convention, with the reason
     */
    static String of(List<ResultsFile> files, Map<ResultsFile, Chart> charts, Map<String, String> unread) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Made by `benchmarks/run.sh` from the results files the benchmarks write (see the README's "
            + "\"Benchmarks\"). Every benchmark measures its baseline in the same run, on the same machine; the machines "
            + "are shared, so read ratios and medians rather than single values. Each section shows the latest run of "
            + "its results file; earlier runs stay in the file. In the charts, grey bars are the baseline.\n\n");
        md.append("## Goals\n\n");
        if (files.stream().allMatch(file -> file.goals().isEmpty())) {
            md.append("No results file states a goal.\n\n");
        } else {
            md.append("| Benchmark | Goal | Result | By how much |\n|---|---|---|---|\n");
            for (ResultsFile file : files) {
                for (Goal goal : file.goals()) {
                    md.append("| [").append(cell(file.title())).append("](#").append(anchor(file.title())).append(") | ")
                        .append(cell(goal.description())).append(" | ").append(goal.met() ? "met" : "**not met**")
                        .append(" | ").append(goal.margin().isEmpty() ? "not stated" : cell(goal.margin()))
                        .append(" |\n");
                }
            }
            md.append('\n');
        }
        for (ResultsFile file : files) {
            md.append("## ").append(file.title()).append("\n\n");
            md.append("Results file: [`").append(slashes(file)).append("`](").append(slashes(file)).append(")  \n");
            md.append("Command: `").append(file.command()).append("`  \n");
            md.append("Machine and date: ").append(file.machine()).append("\n\n");
            Chart chart = charts.get(file);
            if (chart != null) {
                String baseline = chart.baseline();
                md.append("Baseline, measured in the same run (grey in the chart): ")
                    .append(baseline.isEmpty() ? "not marked in the first table" : baseline).append("\n\n");
                md.append("![").append(file.title().replace("]", "")).append(": ").append(chart.plan().valueAxis())
                    .append(" per row of the first table](").append(chart.path()).append(")\n\n");
            }
            String section = "";
            for (ResultTable table : file.tables()) {
                if (!table.section().equals(section)) {
                    section = table.section();
                    md.append("### ").append(section).append("\n\n");
                }
                md.append(table.markdown().strip()).append("\n\n");
            }
            for (String note : file.goalNotes()) {
                md.append(note.strip()).append("\n\n");
            }
        }
        if (!unread.isEmpty()) {
            md.append("## Results files not shown\n\n");
            unread.forEach((file, why) -> md.append("- `").append(file).append("`: ").append(why).append('\n'));
            md.append('\n');
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static String slashes(ResultsFile file) {
        return file.path().toString().replace('\\', '/');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
