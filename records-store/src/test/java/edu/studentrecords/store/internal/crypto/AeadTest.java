package edu.studentrecords.store.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AeadTest {

    private final SecureRandom random = new SecureRandom();

    private byte[] key() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    @Test
    void opensWhatItSealed() {
        byte[] key = key();
        byte[] sealed = Aead.seal(key, bytes("a secret"), bytes("record|1|1|contact"));
        assertThat(Aead.open(key, sealed, bytes("record|1|1|contact"))).isEqualTo(bytes("a secret"));
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        byte[] key = key();
        assertThat(Aead.seal(key, bytes("x"), bytes("ad"))).isNotEqualTo(Aead.seal(key, bytes("x"), bytes("ad")));
    }

    @Test
    void refusesAnotherKeyAnotherPlaceOrAlteredBytes() {
        byte[] key = key();
        byte[] sealed = Aead.seal(key, bytes("a secret"), bytes("record|1|1|contact"));
        assertThatThrownBy(() -> Aead.open(key(), sealed, bytes("record|1|1|contact")))
                .isInstanceOf(UnreadableCiphertextException.class);
        assertThatThrownBy(() -> Aead.open(key, sealed, bytes("record|1|2|contact")))
                .isInstanceOf(UnreadableCiphertextException.class);
        assertThatThrownBy(() -> Aead.open(key, sealed, bytes("record|2|1|contact")))
                .isInstanceOf(UnreadableCiphertextException.class);
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertThatThrownBy(() -> Aead.open(key, altered, bytes("record|1|1|contact")))
                    .isInstanceOf(UnreadableCiphertextException.class);
        }
    }

    @Test
    void aThreadSealsAndOpensAgainAfterAFailedOpen() {
        // Each thread keeps its cipher: a refused blob must leave nothing behind for the next use.
        byte[] key = key();
        byte[] sealed = Aead.seal(key, bytes("first"), bytes("ad"));
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 0x01;
        assertThatThrownBy(() -> Aead.open(key, altered, bytes("ad")))
                .isInstanceOf(UnreadableCiphertextException.class);

        byte[] next = Aead.seal(key, bytes("second"), bytes("ad2"));

        assertThat(Aead.open(key, next, bytes("ad2"))).isEqualTo(bytes("second"));
        assertThat(Aead.open(key, sealed, bytes("ad"))).isEqualTo(bytes("first"));
    }

    @Test
    void threadsSealingAndOpeningAtOnceEachGetTheirOwnPlaintext() throws Exception {
        byte[] key = key();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] plaintext = bytes("thread " + thread + " value " + i);
                        byte[] ad = bytes("record|" + thread + "|" + i);
                        if (!Arrays.equals(Aead.open(key, Aead.seal(key, plaintext, ad), ad), plaintext)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        byte[] sealed = Aead.seal(key(), bytes("CANARY-PLAINTEXT-123"), bytes("ad"));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("CANARY");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
