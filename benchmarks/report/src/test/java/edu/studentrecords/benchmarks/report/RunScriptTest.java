package edu.studentrecords.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code benchmarks/run.sh} of this repository, run with {@code --list} and {@code --dry-run}: nothing is measured. */
class RunScriptTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private record Result(int exit, String out) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("benchmarks/run.sh").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out);
    }

    @Test
    void findsEveryBenchmarkAndWhichStartKeycloak() throws Exception {
        Result list = run("--list");

        assertThat(list.exit()).isZero();
        assertThat(list.out()).containsPattern("RecordReadBenchmarkIT\\s+integration-tests\\s+Keycloak: yes\\s+results: "
            + "integration-tests/benchmarks/record-read.md");
        assertThat(list.out()).containsPattern("SearchBenchmarkIT\\s+search-index\\s+Keycloak: no ");
        assertThat(list.out()).contains("GuardedReadBenchmarkIT", "AuditEpochBenchmarkIT", "BackupRestoreBenchmarkIT");
    }

    @Test
    void runsTheChosenBenchmarksUnderTheirLocksThenTheReport() throws Exception {
        Result dry = run("--dry-run", "--only", "search,record-read", "--size", "small", "-Dbenchmark.rounds=2");

        assertThat(dry.exit()).isZero();
        List<String> lines = dry.out().lines().filter(line -> !line.startsWith("==")).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("flock /tmp/bench.lock flock /tmp/keycloak-it.lock mvn -B -ntp "
            + "-pl integration-tests -am verify -Dbenchmark=true -Dit.test=RecordReadBenchmarkIT ")
            .contains("-Dbenchmark.students=100000").endsWith("-Dbenchmark.rounds=2 ");
        assertThat(lines.get(1)).startsWith("flock /tmp/bench.lock mvn -B -ntp -pl search-index -am verify "
            + "-Dbenchmark=true -Dit.test=SearchBenchmarkIT ");
        assertThat(lines.get(2)).startsWith("mvn -B -ntp -q -pl benchmarks/report package");
        assertThat(lines.get(3)).startsWith("java -Djava.awt.headless=true ")
            .contains("edu.studentrecords.benchmarks.report.BenchmarkReport");
        assertThat(dry.out()).doesNotContain("GuardedReadBenchmarkIT");
    }

    @Test
    void refusesWhatItDoesNotKnow() throws Exception {
        assertThat(run("--only", "no-such-benchmark").exit()).isEqualTo(2);
        assertThat(run("--size", "huge").exit()).isEqualTo(2);
        assertThat(run("--frobnicate").exit()).isEqualTo(2);
    }
}
