package edu.studentrecords.store.internal.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

    @Test
    void anIdIsAVersionSevenUuidCarryingTheMillisecondItWasMadeIn() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(RecordIds.next());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).as("RFC 9562's variant").isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsMadeInALaterMillisecondSortAfterAsStrings() {
        List<String> ids = new ArrayList<>();
        long millisecond = System.currentTimeMillis();
        while (ids.size() < 50) {
            String id = RecordIds.next();
            long madeIn = UUID.fromString(id).getMostSignificantBits() >>> 16;
            if (madeIn > millisecond) {
                ids.add(id);
                millisecond = madeIn;
            }
        }

        assertThat(ids).isSorted();
    }

    @Test
    void idsAreDistinctAndOneMadeInTheSameMillisecondIsNotTheOneBeforeItPlusOne() {
        Set<String> seen = new HashSet<>();
        int sameMillisecond = 0;
        UUID previous = UUID.fromString(RecordIds.next());
        for (int i = 0; i < 100_000; i++) {
            UUID id = UUID.fromString(RecordIds.next());
            assertThat(seen.add(id.toString())).as("a repeated id").isTrue();
            if (id.getMostSignificantBits() >>> 16 == previous.getMostSignificantBits() >>> 16) {
                sameMillisecond++;
                // The 74 bits after the time are drawn afresh: a neighbour cannot be worked out from an id.
                // (A monotonic generator adds one to them, which shows in the low 64 bits.)
                assertThat(id.getLeastSignificantBits() - previous.getLeastSignificantBits()).isNotEqualTo(1L);
            }
            previous = id;
        }
        assertThat(sameMillisecond).as("ids made in the same millisecond, for the check above").isPositive();
    }
}
