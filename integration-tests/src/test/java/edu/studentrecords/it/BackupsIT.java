package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backups from the centre over REST with real tokens: an administrator starts one (202), polls it until it is done,
 * its manifest counts the realm's records and the file under {@code backup-dir} holds no record in clear; nobody
 * else may start, list or read backups; restoring into the realm's store, which is in use, is a 409. Every call
 * leaves exactly one audit entry.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class BackupsIT {

    @InjectRealm(ref = "backups")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @Test
    void anAdministratorBacksTheStoreUpAndFollowsItsProgress() throws Exception {
        Campus campus = Campus.setUp(realm, oauth);
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        GeneratedStudent alice = GeneratedStudent.number(81, Campus.PHYSICS_CLASS);
        campus.enrol(ada, alice, "alice");
        campus.enrol(ada, GeneratedStudent.number(82, Campus.HISTORY_CLASS), "bob");
        String sue = campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit student.admin");
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.admin");
        String library = campus.serviceToken(oauth, LIBRARY);
        RawRealmStore raw = new RawRealmStore(realm.getId());
        try {
            for (String[] caller : List.of(new String[] {sue, "administration"}, new String[] {sam, "teaching"},
                new String[] {library, "library-services"})) {
                assertThat(raw.once(api.call("POST", "/backups", caller[0], caller[1])).status()).isEqualTo(403);
                assertThat(raw.once(api.call("GET", "/backups", caller[0], caller[1])).status()).isEqualTo(403);
            }
            assertThat(api.call("POST", "/backups", null, "administration").send().status()).isEqualTo(401);

            Api.Reply started = raw.once(api.call("POST", "/backups", ada, "administration"));
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String id = started.json().get("id").asText();
            assertThat(started.json().get("status").asText()).isIn("RUNNING", "DONE");
            String file = started.json().get("file").asText();
            assertThat(file).endsWith(".srbak");

            JsonNode done = await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250)).alias("the backup finishes")
                .until(() -> {
                    Api.Reply polled = raw.once(api.call("GET", "/backups/" + id, ada, "administration"));
                    assertThat(polled.status()).as(polled.body()).isEqualTo(200);
                    return polled.json();
                }, polled -> !polled.get("status").asText().equals("RUNNING"));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.get("finishedAt").isNull()).isFalse();
            assertThat(done.at("/manifest/collections/records/documents").asLong()).isEqualTo(2);
            assertThat(done.at("/manifest/collections/records/sha256").asText()).hasSize(64);
            assertThat(done.at("/manifest/collections/audit_entries/documents").asLong()).isPositive();
            assertThat(done.at("/progress/total").asLong()).isNotNegative();

            Api.Reply listed = raw.once(api.call("GET", "/backups", ada, "administration"));
            assertThat(listed.json().get("backups").findValuesAsText("id")).contains(id);
            assertThat(raw.once(api.call("GET", "/backups/" + UUID.randomUUID(), ada, "administration")).status())
                .isEqualTo(404);

            Path written = find(file);
            assertThat(written).as("the backup file under backup-dir").isNotNull();
            String bytes = new String(Files.readAllBytes(written), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as("encrypted: no student number in clear").doesNotContain(alice.studentNumber());

            Api.Reply restore = raw.once(api.call("POST", "/backups/" + id + "/restore", ada, "administration"));
            assertThat(restore.status()).as(restore.body()).isEqualTo(409);
            assertThat(restore.header("Content-Type")).startsWith("application/problem+json");
            assertThat(raw.once(api.call("POST", "/backups/" + id + "/restore", sam, "teaching")).status())
                .isEqualTo(403);
        } finally {
            raw.close();
        }
    }

    /** The file the server wrote below its home (the test framework's install folder). */
    private static Path find(String name) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("/tmp/kc-test-framework"))) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElse(null);
        }
    }
}
