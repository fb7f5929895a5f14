package edu.studentrecords.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartPlanTest {

    @TempDir
    Path root;

    private ChartPlan plan(String content) throws Exception {
        ResultsFile file = new ResultsFileReader().read(root, Fixtures.write(root, "m/benchmarks/x.md", content));
        return ChartPlan.of(file.title(), file.tables().get(0)).orElseThrow();
    }

    @Test
    void drawsThroughputMarksTheRowsWhoseRatioIsOneAndTellsRowsApartByTheirThreads() throws Exception {
        ChartPlan plan = plan(Fixtures.MADE_BY);

        assertThat(plan.series()).containsExactly("throughput (ops/s)");
        assertThat(plan.valueAxis()).isEqualTo("throughput (ops/s)");
        assertThat(plan.reading()).isEqualTo("longer bars are faster");
        assertThat(plan.categories()).containsExactly("lookup (threads 4)", "plain map (threads 4) (baseline)",
            "lookup (threads 16)", "plain map (threads 16) (baseline)");
        assertThat(plan.baselineCategories()).containsExactlyInAnyOrder("plain map (threads 4) (baseline)",
            "plain map (threads 16) (baseline)");
        assertThat(plan.values().get(0)).containsExactly(1200.0, 2000.0, 4400.0, 4000.0);
    }

    @Test
    void marksRowsNamedRawAndNeverDrawsRatiosOrTimes() throws Exception {
        ChartPlan plan = plan(Fixtures.COMMAND_AND_MACHINE);

        assertThat(plan.series()).containsExactly("Documents/s");
        assertThat(plan.baselineCategories()).containsExactly("Raw indexing of the same documents (baseline)");
        assertThat(plan.values().get(0)).containsExactly(9000.0, 11250.0);
    }

    @Test
    void drawsABaselineColumnBesideTheMeasuredOne() throws Exception {
        ChartPlan plan = plan(Fixtures.BASELINE_COLUMN);

        assertThat(plan.series()).containsExactly("entries/s", "baseline entries/s");
        assertThat(plan.baselineSeries()).containsExactly("baseline entries/s");
        assertThat(plan.baselineCategories()).isEmpty();
        assertThat(plan.values()).containsExactly(java.util.List.of(500.0, 5000.0), java.util.List.of(10000.0, 8000.0));
    }

    @Test
    void fallsBackToTheMedianLatencyWhenThereIsNoThroughput() throws Exception {
        ChartPlan plan = plan(Fixtures.LATENCY_ONLY);

        assertThat(plan.series()).containsExactly("p50 (ms)");
        assertThat(plan.reading()).isEqualTo("shorter bars are faster");
        assertThat(plan.baselineCategories()).containsExactly("raw searcher (baseline)");
    }

    @Test
    void readsNumbersWithSeparatorsAndUnits() {
        assertThat(CellNumber.parse("1,136")).contains(new CellNumber(1136, ""));
        assertThat(CellNumber.parse("113.6 s")).contains(new CellNumber(113.6, "s"));
        assertThat(CellNumber.parse("1.39x")).contains(new CellNumber(1.39, "x"));
        assertThat(CellNumber.parse("**2.16 ms**")).contains(new CellNumber(2.16, "ms"));
        assertThat(CellNumber.parse("raw insert")).isEmpty();
        assertThat(CellNumber.parse("1, 2")).isEmpty();
    }
}
