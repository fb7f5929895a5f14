package edu.studentrecords.benchmarks.report;

/**
 * A chart drawn for a results file.
 *
 * @param path the PNG, relative to the repository root, with forward slashes
 * @param plan what it shows
 */
record Chart(String path, ChartPlan plan) {

    /** The baseline as the chart marks it: its rows' names, or its columns' headers. */
    String baseline() {
        if (!plan.baselineSeries().isEmpty()) {
            return "the column" + (plan.baselineSeries().size() > 1 ? "s " : " ")
                + String.join(", ", plan.series().stream().filter(plan.baselineSeries()::contains).toList());
        }
        return String.join(", ", plan.categories().stream().filter(plan.baselineCategories()::contains)
            .map(name -> name.replace(" (baseline)", "")).toList());
    }
}
