package edu.studentrecords.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files as written: the Dockerfile and its ignore file, the compose file, the Kubernetes manifests and
 * the Kubernetes README.
 *
 * @param dockerfile    {@code deploy/container/Dockerfile}
 * @param dockerignore  {@code deploy/container/Dockerfile.dockerignore}
 * @param compose       {@code deploy/container/compose.yaml}
 * @param kubernetes    every document of {@code deploy/kubernetes/*.yaml}
 * @param kubernetesReadme {@code deploy/kubernetes/README.md}
 */
record Manifests(String dockerfile, String dockerignore, JsonNode compose, List<JsonNode> kubernetes,
        String kubernetesReadme) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Manifests read(Path repositoryRoot) {
        Path container = repositoryRoot.resolve("deploy/container");
        Path kubernetes = repositoryRoot.resolve("deploy/kubernetes");
        List<JsonNode> documents = new ArrayList<>();
        try (var files = Files.list(kubernetes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(yamlDocuments(Files.readString(file)));
            }
            return new Manifests(Files.readString(container.resolve("Dockerfile")),
                    Files.readString(container.resolve("Dockerfile.dockerignore")),
                    yamlDocuments(Files.readString(container.resolve("compose.yaml"))).get(0), documents,
                    Files.readString(kubernetes.resolve("README.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of a YAML text, with anchors, aliases and merge keys resolved (as compose resolves them). */
    static List<JsonNode> yamlDocuments(String text) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    Manifests withDockerfile(String text) {
        return new Manifests(text, dockerignore, compose, kubernetes, kubernetesReadme);
    }

    Manifests withCompose(String yaml) {
        return new Manifests(dockerfile, dockerignore, yamlDocuments(yaml).get(0), kubernetes, kubernetesReadme);
    }

    Manifests withKubernetes(List<JsonNode> documents) {
        return new Manifests(dockerfile, dockerignore, compose, documents, kubernetesReadme);
    }

    Manifests withKubernetesReadme(String text) {
        return new Manifests(dockerfile, dockerignore, compose, kubernetes, text);
    }

    /** A deep copy of the Kubernetes documents, to change in a test. */
    List<JsonNode> kubernetesCopy() {
        List<JsonNode> copy = new ArrayList<>();
        kubernetes.forEach(d -> copy.add(d.deepCopy()));
        return copy;
    }

    static ArrayNode array(JsonNode node) {
        return node instanceof ArrayNode a ? a : JSON.createArrayNode();
    }
}
