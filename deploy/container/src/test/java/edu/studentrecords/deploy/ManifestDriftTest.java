package edu.studentrecords.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, the compose file and the Kubernetes manifests name the Keycloak version, the jars, the image, the
 * extension's options and the server versions the build produces; and the check that says so fails on each kind of
 * drift (each mutation below is one a release could bring).
 */
class ManifestDriftTest {

    static BuildFacts build;
    static Manifests manifests;

    @BeforeAll
    static void read() {
        build = BuildFacts.fromBuild();
        manifests = Manifests.read(build.repositoryRoot());
    }

    @Test
    void theManifestsNameWhatTheBuildProduces() {
        assertThat(build.optionNames()).contains("connection-string", "keys-dir", "generate-keys", "index-dir");
        assertThat(build.environmentPrefix()).isEqualTo("KC_SPI_STUDENT_RECORDS__DEFAULT__");
        assertThat(DriftCheck.problems(build, manifests)).isEmpty();
    }

    @Test
    void anotherKeycloakVersionIsDrift() {
        Manifests drifted = manifests.withDockerfile(manifests.dockerfile()
                .replace("ARG KEYCLOAK_VERSION=" + build.keycloakVersion(), "ARG KEYCLOAK_VERSION=26.6.0"));
        assertThat(DriftCheck.problems(build, drifted)).anySatisfy(p -> assertThat(p)
                .contains("ARG KEYCLOAK_VERSION is 26.6.0, the build's is " + build.keycloakVersion()));

        BuildFacts newerBuild = new BuildFacts(build.repositoryRoot(), build.projectVersion(), "26.8.0",
                build.mongodbVersion(), build.postgresqlVersion(), build.image(), build.maxBodySize(), build.spiName(),
                build.providerId(), build.optionNames());
        assertThat(DriftCheck.problems(newerBuild, manifests))
                .anySatisfy(p -> assertThat(p).contains("ARG KEYCLOAK_VERSION"))
                .anySatisfy(p -> assertThat(p).contains("compose.yaml").contains("KEYCLOAK_VERSION"))
                .anySatisfy(p -> assertThat(p).contains("README.md").contains("Operator"));
    }

    @Test
    void aProviderJarTheBuildDoesNotProduceIsDrift() {
        Manifests drifted = manifests.withDockerfile(manifests.dockerfile()
                .replace("themes/target/student-records-themes-${PRODUCT_VERSION}.jar",
                        "themes/target/student-records-theme-${PRODUCT_VERSION}.jar"));
        assertThat(DriftCheck.problems(build, drifted))
                .anySatisfy(p -> assertThat(p).contains("student-records-theme-" + build.projectVersion() + ".jar")
                        .contains("produces no such file"))
                .anySatisfy(p -> assertThat(p).contains("does not copy themes/target/student-records-themes-"));

        BuildFacts nextRelease = new BuildFacts(build.repositoryRoot(), "0.2.0", build.keycloakVersion(),
                build.mongodbVersion(), build.postgresqlVersion(), build.image(), build.maxBodySize(), build.spiName(),
                build.providerId(), build.optionNames());
        assertThat(DriftCheck.problems(nextRelease, manifests))
                .anySatisfy(p -> assertThat(p).contains("ARG PRODUCT_VERSION"))
                .anySatisfy(p -> assertThat(p).contains("spec.image is " + build.taggedImage()));
    }

    @Test
    void anOptionNameTheExtensionDoesNotDeclareIsDrift() {
        String compose = manifests.compose().toString();
        Manifests drifted = manifests.withCompose(compose.replace("KC_SPI_STUDENT_RECORDS__DEFAULT__KEYS_DIR",
                "KC_SPI_STUDENT_RECORDS__DEFAULT__KEY_DIR"));
        assertThat(DriftCheck.problems(build, drifted))
                .anySatisfy(p -> assertThat(p).contains("declares no option key-dir"))
                .anySatisfy(p -> assertThat(p).contains("sets no spi-student-records--default--keys-dir"));

        List<com.fasterxml.jackson.databind.JsonNode> kubernetes = manifests.kubernetesCopy();
        kubernetes.stream().filter(d -> d.path("kind").asText().equals("Keycloak")).forEach(keycloak -> {
            for (var option : keycloak.path("spec").path("additionalOptions")) {
                if (option.path("name").asText().endsWith("--index-dir")) {
                    ((ObjectNode) option).put("name", "spi-student-records-default-index-dir");
                }
            }
        });
        assertThat(DriftCheck.problems(build, manifests.withKubernetes(kubernetes)))
                .anySatisfy(p -> assertThat(p).contains("spi-student-records-default-index-dir")
                        .contains("does not start with spi-student-records--default--"));
    }

    @Test
    void anotherServerVersionOrBodyLimitIsDrift() {
        Manifests drifted = manifests.withCompose(manifests.compose().toString()
                .replace("\"mongo:" + build.mongodbVersion() + "\"", "\"mongo:7.0\""))
                .withDockerfile(manifests.dockerfile().replace(
                        "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=" + build.maxBodySize(), "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=16M"));
        assertThat(DriftCheck.problems(build, drifted))
                .anySatisfy(p -> assertThat(p).contains("image is mongo:7.0, the build's is mongo:" + build.mongodbVersion()))
                .anySatisfy(p -> assertThat(p).contains("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE is 16M"));
    }
}
