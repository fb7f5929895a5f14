package edu.studentrecords.store.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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
    void ciphertextDoesNotContainThePlaintext() {
        byte[] sealed = Aead.seal(key(), bytes("CANARY-PLAINTEXT-123"), bytes("ad"));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("CANARY");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
