package edu.studentrecords.store.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void generatesOnceThenReadsTheSameKey() throws Exception {
        Path file = dir.resolve("keys/master.key");
        byte[] first = SecretKeyFile.load(file, true);
        assertThat(first).hasSize(32);
        assertThat(SecretKeyFile.load(file, false)).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void refusesAMissingKeyUnlessAskedToGenerate() {
        assertThatThrownBy(() -> SecretKeyFile.load(dir.resolve("absent.key"), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
    }

    @Test
    void refusesAMalformedKeyWithoutPrintingIt() throws Exception {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "c2hvcnQ=\n");
        assertThatThrownBy(() -> SecretKeyFile.load(file, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ");
    }
}
