package edu.studentrecords.it;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.SpiInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The distribution started with our provider jars and configured our SPI from the command line. */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class ServerWithProviderIT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void serverListsTheStudentRecordsSpiWithItsDefaultProvider() {
        ServerInfoRepresentation info = admin.serverInfo().getInfo();

        SpiInfoRepresentation spi = info.getProviders().get(StudentRecordsServer.SPI);
        assertThat(spi).as("SPI %s in the server info", StudentRecordsServer.SPI).isNotNull();
        assertThat(spi.getProviders()).containsKey(StudentRecordsServer.PROVIDER);
    }

    @Test
    void serverServesTheRestResourceOfEveryRealm() {
        ServerInfoRepresentation info = admin.serverInfo().getInfo();

        assertThat(info.getProviders().get("realm-restapi-extension").getProviders())
            .containsKey("student-records");
    }

    @Test
    void providerReceivedTheStoreOptions() {
        ProviderRepresentation provider = admin.serverInfo().getInfo()
            .getProviders().get(StudentRecordsServer.SPI).getProviders().get(StudentRecordsServer.PROVIDER);

        // The options given as --spi-student-records--default--<option>=... on the command line.
        assertThat(provider.getOperationalInfo())
            .containsEntry("hosts", "127.0.0.1:" + SuiteStore.get().port())
            .containsEntry("database-prefix", "student_records_it")
            .containsEntry("keys-dir", SuiteStore.keysDirectory().toString())
            .containsEntry("generate-keys", "true")
            .containsEntry("index-dir", SuiteStore.indexDirectory().toString());
        assertThat(SuiteStore.keysDirectory().resolve("master.key")).exists();
        assertThat(SuiteStore.keysDirectory().resolve("blind-index.key")).exists();
        assertThat(SuiteStore.keysDirectory().resolve("audit.key")).exists();
    }
}
