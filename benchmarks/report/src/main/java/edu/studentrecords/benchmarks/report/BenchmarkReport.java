package edu.studentrecords.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes {@code BENCHMARKS.md} at the repository root from every results file, that is every {@code *.md} in a
 * folder named {@code benchmarks} of a module (the root's own {@code benchmarks/} folder, build output and
 * dependencies excluded), and a PNG chart of each file's first table into {@code benchmarks/charts/}.
 *
 * <p>Run as {@code java -Djava.awt.headless=true -cp … edu.studentrecords.benchmarks.report.BenchmarkReport [root]};
 * {@code benchmarks/run.sh} does.
 */
public final class BenchmarkReport {

    static final String PAGE = "BENCHMARKS.md";
    static final Path CHARTS = Path.of("benchmarks", "charts");
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", "dist");

    private BenchmarkReport() {
    }

    /** Writes the report for the repository at {@code args[0]} (the working directory without it). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        write(root);
    }

    /** Reads every results file below {@code root}, writes the charts and the page; returns the page. */
    static Path write(Path root) throws IOException {
        ResultsFileReader reader = new ResultsFileReader();
        List<ResultsFile> files = new ArrayList<>();
        Map<String, String> unread = new LinkedHashMap<>();
        for (Path found : find(root)) {
            try {
                files.add(reader.read(root, found));
            } catch (IllegalArgumentException e) {
                unread.put(root.relativize(found).toString().replace('\\', '/'), e.getMessage());
            }
        }
        Path charts = root.resolve(CHARTS);
        Map<ResultsFile, Chart> drawn = new LinkedHashMap<>();
        for (ResultsFile file : files) {
            Optional<ChartPlan> plan = ChartPlan.of(file.title(), file.tables().get(0));
            if (plan.isPresent()) {
                Path png = charts.resolve(file.slug() + ".png");
                BarChart.write(plan.get(), png, "From " + file.path().toString().replace('\\', '/') + ", "
                    + file.machine());
                drawn.put(file, new Chart(root.relativize(png).toString().replace('\\', '/'), plan.get()));
            }
        }
        Path page = root.resolve(PAGE);
        Files.writeString(page, BenchmarksPage.of(files, drawn, unread));
        return page;
    }

    /** Every results file below {@code root}, sorted by path. */
    static List<Path> find(Path root) throws IOException {
        Path own = root.resolve("benchmarks");
        try (Stream<Path> walk = Files.walk(root, 4)) {
            return walk.filter(path -> path.getFileName() != null && path.getFileName().toString().endsWith(".md"))
                .filter(path -> path.getParent() != null && path.getParent().getFileName() != null
                    && path.getParent().getFileName().toString().equals("benchmarks") && !path.getParent().equals(own))
                .filter(path -> noneSkipped(root.relativize(path)))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean noneSkipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }
}
