package edu.studentrecords.store.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryIndexTest {

    @Test
    void keysOfDifferentRecordsNeverCollide() {
        assertThat(HistoryIndex.bucketKey("a/b", 0)).isNotEqualTo(HistoryIndex.bucketKey("a%2Fb", 0));
        assertThat(HistoryIndex.directoryKey("a/b")).doesNotContain("/");
        assertThat(HistoryIndex.bucketKey("rec-1", 3)).isEqualTo("rec-1/0000000000000000003");
    }
}
