package edu.studentrecords.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileReaderTest {

    @TempDir
    Path root;

    private final ResultsFileReader reader = new ResultsFileReader();

    @Test
    void readsTitleCommandMachineTablesAndGoalsOfTheLatestRunOnly() throws Exception {
        Path file = Fixtures.write(root, "widgets/benchmarks/lookup.md", Fixtures.MADE_BY);

        ResultsFile read = reader.read(root, file);

        assertThat(read.path()).isEqualTo(Path.of("widgets/benchmarks/lookup.md"));
        assertThat(read.title()).isEqualTo("Lookup against a plain map");
        assertThat(read.command()).isEqualTo("mvn -B -pl widgets verify -Dbenchmark=true -Dit.test=LookupBenchmarkIT");
        assertThat(read.machine()).isEqualTo("on 2026-01-02T03:04:05Z, 2 cores, Java 17.0.15.");
        assertThat(read.tables()).hasSize(2);
        ResultTable main = read.tables().get(0);
        assertThat(main.header()).containsExactly("path", "threads", "throughput (ops/s)", "throughput / map's", "p50 (us)");
        assertThat(main.rows()).hasSize(4);
        assertThat(main.rows().get(0)).containsExactly("lookup", "4", "1,200", "0.60", "310");
        assertThat(main.section()).isEmpty();
        assertThat(read.tables().get(1).section()).isEqualTo("Taking it apart");
        assertThat(main.markdown()).startsWith("| path | threads |").contains("| `lookup` | 16 | 4,400 |")
            .doesNotContain("Goal");
        assertThat(read.goals()).containsExactly(
            new Goal("`lookup` throughput at least 1.0x a plain map's at 4 threads", false, "0.60x; p50 2.58x"),
            new Goal("`lookup` throughput at least 1.0x a plain map's at 16 threads", true, "1.10x"));
        assertThat(read.goalNotes()).hasSize(2).allSatisfy(note -> assertThat(note).startsWith("Goal: `lookup`"));
    }

    @Test
    void takesTheMachineFromItsOwnLine() throws Exception {
        Path file = Fixtures.write(root, "index/benchmarks/index.md", Fixtures.COMMAND_AND_MACHINE);

        ResultsFile read = reader.read(root, file);

        assertThat(read.command()).isEqualTo("mvn -o -pl index verify -Dbenchmark=true");
        assertThat(read.machine()).isEqualTo("2 cores (shared with other builds), Java 17.0.15, index on local disk.");
        assertThat(read.goals()).containsExactly(new Goal("rebuild at least 0.5x raw", true, ""),
            new Goal("p99 under 20 ms", false, ""));
    }

    @Test
    void namesTheFileAndWhatItLacks() throws Exception {
        Path noCommand = Fixtures.write(root, "a/benchmarks/no-command.md", "# Title\n\n| a | b |\n|---|---|\n| x | 1 |\n");
        Path noTable = Fixtures.write(root, "a/benchmarks/no-table.md", "# Title\n\nMade by `mvn verify`.\n");

        assertThatThrownBy(() -> reader.read(root, noCommand)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("a/benchmarks/no-command.md").hasMessageContaining("command");
        assertThatThrownBy(() -> reader.read(root, noTable)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("a/benchmarks/no-table.md").hasMessageContaining("table");
    }
}
