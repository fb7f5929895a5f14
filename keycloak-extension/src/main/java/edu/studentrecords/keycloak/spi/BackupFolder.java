package edu.studentrecords.keycloak.spi;

import java.nio.file.Path;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The SPI option {@code backup-dir}: where backups started over REST are written, one sub-folder per realm. Default
 * {@code data/backups} in Keycloak's home folder. Keep it off the database's disk, and keep {@code backup.key} (in
 * {@code keys-dir}) apart from it: a backup is only as safe as the place its key lives.
 */
final class BackupFolder {

    static final String BACKUP_DIR = "backup-dir";
    static final Path DEFAULT_IN_HOME = Path.of("data", "backups");

    private BackupFolder() {
    }

    static Path from(Config.Scope config) {
        String configured = config.get(BACKUP_DIR);
        String home = System.getProperty(StudentRecordsOptions.KEYCLOAK_HOME_PROPERTY);
        Path dir = configured == null || configured.isBlank()
                ? (home == null || home.isBlank() ? Path.of("") : Path.of(home)).resolve(DEFAULT_IN_HOME)
                : Path.of(configured);
        return dir.toAbsolutePath().normalize();
    }

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(BACKUP_DIR).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Folder of backups started over REST (one sub-folder per realm). "
                        + "Default: data/backups in Keycloak's home folder.")
                .defaultValue(DEFAULT_IN_HOME.toString()).add()
                .build();
    }
}
