package edu.studentrecords.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoalStatementTest {

    @Test
    void readsOneGoalWithHowMuch() {
        assertThat(GoalStatement.read("Goal: reads at 16 threads at least 0.67x raw: **not met** (0.07x)."))
            .containsExactly(new Goal("reads at 16 threads at least 0.67x raw", false, "0.07x"));
    }

    @Test
    void readsSeveralGoalsOfOneSentenceButNotTheSemicolonsInBrackets() {
        assertThat(GoalStatement.read("Goals: p99 under 20 ms: **met** (8 ms; 12 ms to spare); at most 1.5x raw: "
            + "**not met**."))
            .containsExactly(new Goal("p99 under 20 ms", true, "8 ms; 12 ms to spare"),
                new Goal("at most 1.5x raw", false, ""));
    }

    @Test
    void readsAQuotedGoalAndATargetAndKeepsColonsOfTheGoalsOwnWords() {
        assertThat(GoalStatement.read("Goal \"ours at least as fast\": not met on throughput."))
            .containsExactly(new Goal("ours at least as fast", false, ""));
        assertThat(GoalStatement.read("Target guarded/raw at most 1.5 at p50: not met (6.15). More words; and more."))
            .containsExactly(new Goal("guarded/raw at most 1.5 at p50", false, "6.15"));
        assertThat(GoalStatement.read("Goal: ratio of a:b at most 2: **met** (1.5)."))
            .containsExactly(new Goal("ratio of a:b at most 2", true, "1.5"));
    }

    @Test
    void tellsGoalsFromOtherParagraphs() {
        assertThat(GoalStatement.states("Goal: rebuild at least 0.5x raw: met.")).isTrue();
        assertThat(GoalStatement.states("Goals went well this year.")).isFalse();
        assertThat(GoalStatement.states("Ours against Keycloak's: throughput 0.48x.")).isFalse();
        assertThat(GoalStatement.read("Ours against Keycloak's: met.")).isEmpty();
    }
}
