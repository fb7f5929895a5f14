package edu.studentrecords.keycloak.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.WriteConcern;
import edu.studentrecords.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class StudentRecordsOptionsTest {

    @Test
    void defaultsApplyWhenOnlyTheKeysFolderIsGiven() {
        StudentRecordsOptions options = StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys")));

        assertThat(options.connectionString()).isEqualTo("mongodb://127.0.0.1:27017");
        assertThat(options.databasePrefix()).isEqualTo("student_records");
        assertThat(options.keysDir()).isEqualTo(Path.of("/keys"));
        assertThat(options.generateKeys()).isFalse();
        assertThat(options.writeConcern()).isEqualTo("majority");
        assertThat(options.journal()).isTrue();
    }

    @Test
    void everyOptionIsRead() {
        StudentRecordsOptions options = StudentRecordsOptions.from(new MapScope(Map.of(
                "connection-string", "mongodb://db1:27117,db2:27117/?replicaSet=rs0",
                "database-prefix", "sis",
                "keys-dir", "/etc/sis/keys",
                "generate-keys", "true",
                "write-concern", "1",
                "journal", "false")));

        StoreSettings settings = options.settingsFor("my-realm");
        assertThat(settings.database()).isEqualTo("sis_my-realm");
        assertThat(settings.writeConcern()).isEqualTo(new WriteConcern(1).withJournal(false));
        assertThat(settings.masterKeyFile()).isEqualTo(Path.of("/etc/sis/keys/master.key"));
        assertThat(settings.blindIndexKeyFile()).isEqualTo(Path.of("/etc/sis/keys/blind-index.key"));
        assertThat(settings.auditKeyFile()).isEqualTo(Path.of("/etc/sis/keys/audit.key"));
        assertThat(settings.generateMissingKeys()).isTrue();
    }

    @Test
    void theSearchIndexLivesInKeycloaksDataFolderUnlessTheOptionSaysOtherwiseOneFolderPerRealm() {
        Path home = Path.of("/opt/keycloak");
        StudentRecordsOptions byDefault = StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys")), home);
        assertThat(byDefault.indexDir()).isEqualTo(Path.of("/opt/keycloak/data/search-index"));
        assertThat(byDefault.searchSettingsFor("a.b/c").indexDirectory())
                .isEqualTo(Path.of("/opt/keycloak/data/search-index/a_b_c/student-index"));

        StudentRecordsOptions given = StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys",
                "index-dir", "/var/lib/sis/index")), home);
        assertThat(given.indexDir()).isEqualTo(Path.of("/var/lib/sis/index"));
        assertThat(given.operationalInfo()).containsEntry("index-dir", "/var/lib/sis/index");
        assertThat(given.searchSettingsFor("campus").maxResults()).isEqualTo(1000);
    }

    @Test
    void theKeysFolderIsRequiredAndNamedInTheError() {
        assertThatThrownBy(() -> StudentRecordsOptions.from(new MapScope(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--spi-student-records--default--keys-dir");
    }

    @Test
    void aBadConnectionStringStopsTheStart() {
        assertThatThrownBy(() -> StudentRecordsOptions.from(new MapScope(Map.of(
                "keys-dir", "/keys", "connection-string", "http://not-mongo"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realmIdsBecomeSafeDatabaseNames() {
        StudentRecordsOptions options = StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys")));

        assertThat(options.databaseFor("3f2a-B9")).isEqualTo("student_records_3f2a-B9");
        assertThat(options.databaseFor("a.b/c d")).isEqualTo("student_records_a_b_c_d");
    }

    @Test
    void printingHidesCredentials() {
        StudentRecordsOptions options = StudentRecordsOptions.from(new MapScope(Map.of(
                "keys-dir", "/keys", "connection-string", "mongodb://records:s3cret-pw@db1:27017/admin")));

        assertThat(options.toString()).doesNotContain("s3cret-pw").doesNotContain("records:")
                .contains("<hidden>").contains("db1:27017");
        assertThat(options.operationalInfo().toString()).doesNotContain("s3cret-pw").contains("db1:27017");
    }

    @Test
    void everyOptionIsDeclaredForTheServerInfo() {
        assertThat(StudentRecordsOptions.metadata()).extracting(ProviderConfigProperty::getName).containsExactly(
                "connection-string", "database-prefix", "keys-dir", "generate-keys", "write-concern", "journal",
                "index-dir", "backup-dir", "retention-floor-days", "self-check-interval", "retention-interval",
                "audit-epoch-entries", "audit-seal-interval-seconds", "audit-seal-min-entries", "audit-anchor-dir",
                "audit-export-dir", "audit-feed-dir");
    }

    @Test
    void scheduledRunsDefaultToADayAndRefuseAPeriodUnderTenSeconds() {
        StudentRecordsOptions defaults = StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys")));
        assertThat(defaults.selfCheckEvery()).isEqualTo(Duration.ofDays(1));
        assertThat(defaults.retentionEvery()).isEqualTo(Duration.ofDays(1));
        StudentRecordsOptions quick = StudentRecordsOptions.from(new MapScope(Map.of(
                "keys-dir", "/keys", "self-check-interval", "20", "retention-interval", "30")));
        assertThat(quick.selfCheckEvery()).isEqualTo(Duration.ofSeconds(20));
        assertThat(quick.retentionEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> StudentRecordsOptions.from(new MapScope(Map.of(
                "keys-dir", "/keys", "self-check-interval", "5")))).hasMessageContaining("self-check-interval");
    }

    @Test
    void theAuditTrailsOptionsHaveDefaultsBesideKeycloaksOwnData() {
        Path home = Path.of("/opt/keycloak");
        AuditTrailOptions byDefault = StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys")), home).audit();
        assertThat(byDefault.epochEntries()).isEqualTo(1_000_000);
        assertThat(byDefault.sealInterval()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(byDefault.anchorDir()).isEqualTo(Path.of("/opt/keycloak/data/audit-anchors"));
        assertThat(byDefault.exportDir()).isEqualTo(Path.of("/opt/keycloak/data/audit-exports"));
        assertThat(byDefault.feedDir()).as("no log feed unless asked for").isNull();
        AuditTrailOptions given = StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys",
                "audit-epoch-entries", "5000", "audit-feed-dir", "/var/log/student-records")), home).audit();
        assertThat(given.epochEntries()).isEqualTo(5000);
        assertThat(given.feedDir()).isEqualTo(Path.of("/var/log/student-records"));
    }

    @Test
    void backupsAndTheRetentionFloorHaveSafeDefaultsAndReachTheStore() {
        Path home = Path.of("/opt/keycloak");
        StudentRecordsOptions byDefault = StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys")), home);
        StoreSettings defaults = byDefault.settingsFor("campus");
        assertThat(defaults.retentionFloorDays()).isEqualTo(365);
        assertThat(defaults.backupDirectory()).isEqualTo(Path.of("/opt/keycloak/data/backups/campus"));

        StudentRecordsOptions given = StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys",
                "backup-dir", "/srv/backups", "retention-floor-days", "30")), home);
        assertThat(given.settingsFor("campus").retentionFloorDays()).isEqualTo(30);
        assertThat(given.operationalInfo()).containsEntry("backup-dir", "/srv/backups")
                .containsEntry("retention-floor-days", "30");

        assertThatThrownBy(() -> StudentRecordsOptions.from(new MapScope(Map.of("keys-dir", "/keys",
                "retention-floor-days", "-1")), home)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention-floor-days");
    }
}
