package edu.studentrecords.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small made-up results files in the shapes the benchmarks write. */
final class Fixtures {

    /** "Made by" with the machine after the command, a baseline row by its ratio, goals, and an earlier run. */
    static final String MADE_BY = """
        # Lookup against a plain map

        Made by `mvn -B -pl widgets verify -Dbenchmark=true -Dit.test=LookupBenchmarkIT` (from the repository root) on 2026-01-02T03:04:05Z, 2 cores, Java 17.0.15.

        Some words on what is measured.

        | path | threads | throughput (ops/s) | throughput / map's | p50 (us) |
        |---|---|---|---|---|
        | `lookup` | 4 | 1,200 | 0.60 | 310 |
        | plain map | 4 | 2,000 | 1.00 | 120 |
        | `lookup` | 16 | 4,400 | 1.10 | 900 |
        | plain map | 16 | 4,000 | 1.00 | 800 |

        Goal: `lookup` throughput at least 1.0x a plain map's at 4 threads: **not met** (0.60x; p50 2.58x).

        Goal: `lookup` throughput at least 1.0x a plain map's at 16 threads: **met** (1.10x).

        ## Taking it apart

        | part | p50 (us) |
        |---|---|
        | hashing | 12 |

        ## Earlier runs

        | path | threads | throughput (ops/s) | throughput / map's | p50 (us) |
        |---|---|---|---|---|
        | `lookup` | 4 | 10 | 0.01 | 1 |

        Goal: something old: **met**.
        """;

    /** "Command:" and a "Machine:" line, several goals in one sentence, baselines named "Raw" and a "vs raw" column. */
    static final String COMMAND_AND_MACHINE = """
        # Index benchmark

        Command: `mvn -o -pl index verify -Dbenchmark=true`

        Machine: 2 cores (shared with other builds), Java 17.0.15, index on local disk.
        Data: 1,000 made-up documents.

        | What | Time | Documents/s | vs raw |
        |---|---|---|---|
        | Raw indexing of the same documents | 10.0 s | 9,000 | 1.00x |
        | Rebuild from the feed | 8.0 s | 11,250 | 1.25x |

        Goals: rebuild at least 0.5x raw: **met**; p99 under 20 ms: **not met**.
        """;

    /** A baseline column next to the measured one, no ratio of 1, no goals. */
    static final String BASELINE_COLUMN = """
        # Trail steps

        Made by `mvn verify -Dbenchmark=true` on 2026-02-03T04:05:06Z, 2 cores, Java 17.0.15, with 1,000 entries.

        | step | entries | seconds | entries/s | baseline | baseline entries/s | ratio |
        |---|---|---|---|---|---|---|
        | append | 1,000 | 2.0 | 500 | raw insert | 10,000 | 0.05 |
        | verify | 1,000 | 0.2 | 5,000 | raw read | 8,000 | 0.63 |
        """;

    /** Latencies only: the chart falls back to the p50 column, shorter is faster. */
    static final String LATENCY_ONLY = """
        # Query latency

        Made by `mvn verify -Dbenchmark=true` on 2026-03-04T05:06:07Z.

        | caller | p50 (ms) | p99 (ms) |
        |---|---|---|
        | scoped | 2.16 | 8.00 |
        | raw searcher | 1.46 | 3.79 |
        """;

    private Fixtures() {
    }

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
