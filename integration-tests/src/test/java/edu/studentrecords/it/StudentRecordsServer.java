package edu.studentrecords.it;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration of the suite: every test class names it, so Keycloak starts once.
 *
 * <p>The server gets exactly the jars a deployment puts into {@code providers/} (each is a direct dependency of this
 * module, which is where the framework looks them up), and the {@code student-records} SPI points at the suite's
 * embedded store, which is started here, before Keycloak, on a free port, and keeps its search indexes beside it
 * (emptied with it: an index left from an earlier run would hold a feed position the new store has not reached).
 *
 * <p>The server runs with the HTTP body limit a deployment has ({@code deploy/run.sh}): above the API's own 16 MiB cap,
 * so that a larger body gets the API's too-large problem. Keycloak has no option for it, and the framework passes no
 * Quarkus property, but the server inherits this JVM's environment, where failsafe sets it (this module's pom).
 */
public final class StudentRecordsServer implements KeycloakServerConfig {

    static final String SPI = "student-records";
    static final String PROVIDER = "default";
    /** Quarkus's {@code quarkus.http.limits.max-body-size}, from the environment. */
    static final String BODY_LIMIT = "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE";

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        if (System.getenv(BODY_LIMIT) == null) {
            throw new IllegalStateException(BODY_LIMIT + " is not set: run the integration tests through Maven, whose "
                + "failsafe configuration sets it as deploy/run.sh does");
        }
        return config
            .dependency("edu.studentrecords", "keycloak-extension")
            .dependency("edu.studentrecords", "records-store")
            .dependency("org.mongodb", "mongodb-driver-sync")
            .dependency("org.mongodb", "mongodb-driver-core")
            .dependency("org.mongodb", "bson")
            .dependency("org.mongodb", "bson-record-codec")
            .dependency("org.hibernate.validator", "hibernate-validator")
            .dependency("com.googlecode.libphonenumber", "libphonenumber")
            .dependency("com.fasterxml.uuid", "java-uuid-generator")
            .dependency("edu.studentrecords", "search-index")
            .dependency("org.apache.lucene", "lucene-core")
            .dependency("org.apache.lucene", "lucene-analysis-common")
            .dependency("org.apache.lucene", "lucene-analysis-icu")
            .dependency("org.apache.lucene", "lucene-facet")
            .dependency("com.ibm.icu", "icu4j")
            .dependency("com.fasterxml.jackson.dataformat", "jackson-dataformat-csv")
            .dependency("edu.studentrecords", "student-records-themes")
            // The clock endpoint TimeOffSet calls; named here so that every test class asks for the same server.
            .dependency("org.keycloak.testframework", "keycloak-test-framework-remote-providers")
            // Theme caches on, as deploy/run.sh and production have them (development mode turns them off).
            .option("spi-theme--cache-themes", "true")
            .option("spi-theme--cache-templates", "true")
            .option("spi-theme--static-max-age", "2592000")
            .spiOption(SPI, PROVIDER, "connection-string", SuiteStore.get().connectionString())
            .spiOption(SPI, PROVIDER, "database-prefix", "student_records_it")
            .spiOption(SPI, PROVIDER, "keys-dir", SuiteStore.keysDirectory().toString())
            .spiOption(SPI, PROVIDER, "generate-keys", "true")
            .spiOption(SPI, PROVIDER, "index-dir", SuiteStore.indexDirectory().toString())
            .spiOption(SPI, PROVIDER, "audit-anchor-dir", SuiteStore.auditAnchorDirectory().toAbsolutePath().toString())
            .spiOption(SPI, PROVIDER, "audit-export-dir", SuiteStore.auditExportDirectory().toAbsolutePath().toString())
            // Epochs are sealed by the tests' own calls (POST /audit/epochs/seal), not by a timer in the middle of a
            // test that counts audit entries.
            .spiOption(SPI, PROVIDER, "audit-seal-interval-seconds", "86400")
            // A seal by hand closes an open epoch of three entries or more (a day's age is out of a test's reach).
            .spiOption(SPI, PROVIDER, "audit-seal-min-entries", "3")
            // Reminders of due confirmations every few seconds, so VerificationRemindersIT sees them; a realm's
            // students are reminded only when their confirmation falls due within 14 days, which no other test's
            // realm reaches (their periods are 180 days or more, their clocks shifted by hours or by more than that).
            .spiOption(SPI, PROVIDER, "verification-reminder-interval-seconds", "5");
    }
}
