package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void withoutArgumentsServesDataStoreOnLoopbackPort27017WithCommitDurability() throws UsageException {
        LauncherOptions options = LauncherOptions.parse();

        assertThat(options.port()).isEqualTo(27017);
        assertThat(options.dataDirectory()).isEqualTo(Path.of("data", "store"));
        assertThat(options.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(options.durability()).isEqualTo(WriteDurability.COMMIT);
        assertThat(options.helpRequested()).isFalse();
    }

    @Test
    void readsEveryOption() throws UsageException {
        LauncherOptions options = LauncherOptions.parse(
            "--port", "0", "--data", "/var/lib/records", "--bind", "0.0.0.0", "--durability", "fsync", "--cache-mb", "300");

        assertThat(options.port()).isZero();
        assertThat(options.dataDirectory()).isEqualTo(Path.of("/var/lib/records"));
        assertThat(options.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(options.durability()).isEqualTo(WriteDurability.FSYNC);
        assertThat(options.cacheMegabytes(8L << 30)).isEqualTo(300);
    }

    @Test
    void thePageCacheIsAQuarterOfTheHeapUnlessAskedForAndNeverLessThanH2sDefault() throws UsageException {
        LauncherOptions defaults = LauncherOptions.parse();

        assertThat(defaults.cacheMegabytes(4L << 30)).isEqualTo(1024);
        assertThat(defaults.cacheMegabytes(32L << 20)).isEqualTo(16);
        assertThatThrownBy(() -> LauncherOptions.parse("--cache-mb", "0"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--cache-mb must be between 1 and 1048576, not 0");
        assertThatThrownBy(() -> LauncherOptions.parse("--cache-mb", "lots"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--cache-mb needs a number of megabytes, not 'lots'");
    }

    @Test
    void acceptsTheStockDurabilityForMeasurement() throws UsageException {
        assertThat(LauncherOptions.parse("--durability", "none").durability()).isEqualTo(WriteDurability.NONE);
    }

    @Test
    void helpIsRecognised() throws UsageException {
        assertThat(LauncherOptions.parse("--port", "1", "--help").helpRequested()).isTrue();
    }

    @Test
    void rejectsUnknownOption() {
        assertThatThrownBy(() -> LauncherOptions.parse("--colour", "blue"))
            .isInstanceOf(UsageException.class)
            .hasMessage("unknown option '--colour'");
    }

    @Test
    void rejectsOptionWithoutValue() {
        assertThatThrownBy(() -> LauncherOptions.parse("--data"))
            .isInstanceOf(UsageException.class)
            .hasMessage("option --data needs a value");
    }

    @Test
    void rejectsOptionFollowedByAnotherOptionInsteadOfItsValue() {
        assertThatThrownBy(() -> LauncherOptions.parse("--port", "--data", "x"))
            .isInstanceOf(UsageException.class)
            .hasMessage("option --port needs a value");
    }

    @Test
    void rejectsPortThatIsNotANumber() {
        assertThatThrownBy(() -> LauncherOptions.parse("--port", "mongo"))
            .isInstanceOf(UsageException.class)
            .hasMessage("--port needs a number, not 'mongo'");
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatThrownBy(() -> LauncherOptions.parse("--port", "65536"))
            .isInstanceOf(UsageException.class)
            .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> LauncherOptions.parse("--port", "-1"))
            .isInstanceOf(UsageException.class);
    }

    @Test
    void rejectsUnknownDurability() {
        assertThatThrownBy(() -> LauncherOptions.parse("--durability", "FSYNC"))
            .isInstanceOf(UsageException.class)
            .hasMessageContaining("unknown durability 'FSYNC'");
    }

    @Test
    void rejectsBlankDataFolder() {
        assertThatThrownBy(() -> LauncherOptions.parse("--data", " "))
            .isInstanceOf(UsageException.class)
            .hasMessage("--data needs a folder");
    }
}
