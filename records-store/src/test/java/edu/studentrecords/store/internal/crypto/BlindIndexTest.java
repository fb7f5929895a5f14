package edu.studentrecords.store.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void equalValuesHashEqualUnderOneKey() {
        BlindIndex index = new BlindIndex(key(1));
        assertThat(index.hash(BlindIndex.Domain.PHONE, "+8613800000000"))
                .isEqualTo(index.hash(BlindIndex.Domain.PHONE, "+8613800000000"))
                .hasSize(64)
                .doesNotContain("13800000000");
    }

    @Test
    void domainsAndKeysSeparateHashes() {
        BlindIndex index = new BlindIndex(key(1));
        assertThat(index.hash(BlindIndex.Domain.PHONE, "110101200001010011"))
                .isNotEqualTo(index.hash(BlindIndex.Domain.RESIDENT_ID, "110101200001010011"));
        assertThat(new BlindIndex(key(2)).hash(BlindIndex.Domain.PHONE, "+8613800000000"))
                .isNotEqualTo(index.hash(BlindIndex.Domain.PHONE, "+8613800000000"));
    }

    @Test
    void toStringHidesTheKey() {
        assertThat(new BlindIndex(key(1)).toString()).contains("<hidden>");
    }
}
