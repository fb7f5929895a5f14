package edu.studentrecords.deploy;

import edu.studentrecords.keycloak.spi.DefaultStudentRecordsProviderFactory;
import edu.studentrecords.keycloak.spi.StudentRecordsSpi;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What the build produces and names, read from the build itself: versions and names from the poms (handed over as
 * system properties by Surefire), the extension's SPI name, provider id and option names from its code, and the jars
 * from the modules' {@code target/} folders.
 *
 * @param repositoryRoot the repository's root folder
 * @param projectVersion the product's version (the jars' and the image's)
 * @param keycloakVersion the Keycloak version the extension is built against
 * @param mongodbVersion  the MongoDB server version ({@code mongo} image tag)
 * @param postgresqlVersion the PostgreSQL version ({@code postgres} image tag)
 * @param image           the name of the image the Dockerfile builds
 * @param maxBodySize     the HTTP body limit Keycloak must run with
 * @param spiName         the extension's SPI
 * @param providerId      its provider
 * @param optionNames     the options the provider declares
 */
record BuildFacts(Path repositoryRoot, String projectVersion, String keycloakVersion, String mongodbVersion,
        String postgresqlVersion, String image, String maxBodySize, String spiName, String providerId,
        Set<String> optionNames) {

    /** The options every production deployment sets. */
    static final Set<String> REQUIRED_OPTIONS = Set.of("connection-string", "keys-dir", "generate-keys", "index-dir");

    static BuildFacts fromBuild() {
        Set<String> options = new LinkedHashSet<>();
        for (ProviderConfigProperty property : new DefaultStudentRecordsProviderFactory().getConfigMetadata()) {
            options.add(property.getName());
        }
        return new BuildFacts(Path.of(required("build.repositoryRoot")).toAbsolutePath().normalize(),
                required("build.projectVersion"), required("build.keycloakVersion"), required("build.mongodbVersion"),
                required("build.postgresqlVersion"), required("build.image"), required("build.maxBodySize"),
                new StudentRecordsSpi().getName(), DefaultStudentRecordsProviderFactory.ID, Set.copyOf(options));
    }

    /** The image with its tag, as the manifests must name it. */
    String taggedImage() {
        return image + ":" + projectVersion;
    }

    /** {@code spi-student-records--default--}: the option prefix on the command line and in the Operator's resource. */
    String optionPrefix() {
        return "spi-" + spiName + "--" + providerId + "--";
    }

    /** {@code KC_SPI_STUDENT_RECORDS__DEFAULT__}: the option prefix in the environment. */
    String environmentPrefix() {
        return "KC_" + optionPrefix().replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The option an environment variable of the extension sets, or null when the name is not the extension's. */
    String optionOfVariable(String variable) {
        if (!variable.startsWith(environmentPrefix())) {
            return null;
        }
        return variable.substring(environmentPrefix().length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + property + " is not set: run the test with Maven");
        }
        return value;
    }
}
