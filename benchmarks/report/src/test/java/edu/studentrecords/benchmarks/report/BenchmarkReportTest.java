package edu.studentrecords.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTest {

    @TempDir
    Path root;

    @Test
    void findsResultsFilesInModulesBenchmarksFoldersOnly() throws Exception {
        Fixtures.write(root, "widgets/benchmarks/lookup.md", Fixtures.MADE_BY);
        Fixtures.write(root, "deep/module/benchmarks/index.md", Fixtures.COMMAND_AND_MACHINE);
        Fixtures.write(root, "benchmarks/README.md", "# Not a results file\n");
        Fixtures.write(root, "widgets/target/benchmarks/copy.md", Fixtures.MADE_BY);
        Fixtures.write(root, "widgets/docs/notes.md", Fixtures.MADE_BY);

        assertThat(BenchmarkReport.find(root)).containsExactly(root.resolve("deep/module/benchmarks/index.md"),
            root.resolve("widgets/benchmarks/lookup.md"));
    }

    @Test
    void writesThePageWithGoalsSectionsAndAChartPerBenchmark() throws Exception {
        Fixtures.write(root, "widgets/benchmarks/lookup.md", Fixtures.MADE_BY);
        Fixtures.write(root, "index/benchmarks/index.md", Fixtures.COMMAND_AND_MACHINE);
        Fixtures.write(root, "trail/benchmarks/steps.md", Fixtures.BASELINE_COLUMN);
        Fixtures.write(root, "broken/benchmarks/broken.md", "# Broken\n\nNo command, no table.\n");

        Path page = BenchmarkReport.write(root);

        String md = Files.readString(page);
        assertThat(page).isEqualTo(root.resolve("BENCHMARKS.md"));
        assertThat(md).contains("| [Lookup against a plain map](#lookup-against-a-plain-map) | `lookup` throughput at "
            + "least 1.0x a plain map's at 4 threads | **not met** | 0.60x; p50 2.58x |");
        assertThat(md).contains("| [Index benchmark](#index-benchmark) | rebuild at least 0.5x raw | met | not stated |");
        assertThat(md).contains("## Lookup against a plain map", "## Index benchmark", "## Trail steps");
        assertThat(md).contains("Command: `mvn -o -pl index verify -Dbenchmark=true`");
        assertThat(md).contains("Machine and date: on 2026-01-02T03:04:05Z, 2 cores, Java 17.0.15.");
        assertThat(md).contains("![Lookup against a plain map: throughput (ops/s) per row of the first table]"
            + "(benchmarks/charts/widgets-lookup.png)");
        assertThat(md).contains("Baseline, measured in the same run (grey in the chart): plain map (threads 4), "
            + "plain map (threads 16)");
        assertThat(md).contains("Baseline, measured in the same run (grey in the chart): the column baseline entries/s");
        assertThat(md).contains("### Taking it apart\n\n| part | p50 (us) |\n|---|---|\n| hashing | 12 |");
        assertThat(md).contains("| hashing | 12 |").doesNotContain("something old").doesNotContain("| 10 | 0.01 |");
        assertThat(md).contains("- `broken/benchmarks/broken.md`: broken/benchmarks/broken.md lacks a line with the command");
        for (String chart : new String[] {"widgets-lookup", "index-index", "trail-steps"}) {
            BufferedImage image = ImageIO.read(root.resolve("benchmarks/charts/" + chart + ".png").toFile());
            assertThat(image.getWidth()).isEqualTo(BarChart.WIDTH);
            assertThat(image.getHeight()).isGreaterThan(200);
        }
    }

    @Test
    void drawsBaselineBarsGrey() throws Exception {
        Fixtures.write(root, "index/benchmarks/index.md", Fixtures.COMMAND_AND_MACHINE);

        BenchmarkReport.write(root);

        BufferedImage image = ImageIO.read(root.resolve("benchmarks/charts/index-index.png").toFile());
        int grey = BarChart.BASELINE.getRGB();
        long greyPixels = 0;
        long bluePixels = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                greyPixels += rgb == grey ? 1 : 0;
                bluePixels += rgb == new java.awt.Color(0x1f, 0x5f, 0xa8).getRGB() ? 1 : 0;
            }
        }
        // One bar of each: the baseline's (9,000) a little shorter than the rebuild's (11,250).
        assertThat(greyPixels).isGreaterThan(1_000);
        assertThat(bluePixels).isGreaterThan(greyPixels);
    }
}
