package edu.studentrecords.store.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitPathTest {

    @Test
    void parsesSegmentsAndPrintsThemBack() {
        UnitPath path = UnitPath.parse("science/physics/2024-1");

        assertThat(path.segments()).containsExactly("science", "physics", "2024-1");
        assertThat(path).hasToString("science/physics/2024-1").isEqualTo(UnitPath.parse("science/physics/2024-1"));
        assertThat(path.isAll()).isFalse();
    }

    @Test
    void starIsAllUnits() {
        assertThat(UnitPath.parse("*")).isSameAs(UnitPath.ALL);
        assertThat(UnitPath.ALL.isAll()).isTrue();
        assertThat(UnitPath.ALL).hasToString("*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/science", "science/", "science//physics", "science/phy sics", "science/*",
            "**", "science/..", ".", "science/./physics", "科学", "science\\physics"})
    void rejectsMalformedPaths(String text) {
        assertThatThrownBy(() -> UnitPath.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> UnitPath.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void containsItselfAndEverythingBelow() {
        UnitPath physics = UnitPath.parse("science/physics");

        assertThat(physics.contains(physics)).isTrue();
        assertThat(physics.contains(UnitPath.parse("science/physics/2024-1"))).isTrue();
        assertThat(physics.contains(UnitPath.parse("science/physics/2024-1/lab.a"))).isTrue();
        assertThat(physics.contains(UnitPath.parse("science"))).isFalse();
        assertThat(physics.contains(UnitPath.parse("science/chemistry"))).isFalse();
    }

    @Test
    void comparesWholeSegmentsNotText() {
        assertThat(UnitPath.parse("sci").contains(UnitPath.parse("science"))).isFalse();
        assertThat(UnitPath.parse("science/physics/2024").contains(UnitPath.parse("science/physics/2024-1"))).isFalse();
        assertThat(UnitPath.parse("Science").contains(UnitPath.parse("science"))).isFalse();
    }

    @Test
    void allContainsEverythingAndOnlyAllContainsAll() {
        assertThat(UnitPath.ALL.contains(UnitPath.parse("arts/history"))).isTrue();
        assertThat(UnitPath.ALL.contains(UnitPath.ALL)).isTrue();
        assertThat(UnitPath.parse("arts").contains(UnitPath.ALL)).isFalse();
    }
}
