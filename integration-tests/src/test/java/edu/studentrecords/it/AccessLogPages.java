package edu.studentrecords.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.testframework.realm.ManagedRealm;

/** Reading the pages of an access log as {@code GET /me/access-log} and a guardian's view of a child's answer them. */
final class AccessLogPages {

    private AccessLogPages() {
    }

    /** Sends a read of {@code path} and checks it was answered with 200. */
    static void read(Api api, String path, String token, String purpose) {
        Api.Reply reply = api.call("GET", path, token, purpose).send();
        assertThat(reply.status()).as("%s: %s", path, reply.body()).isEqualTo(200);
    }

    /** The entries of a page. */
    static List<JsonNode> entries(JsonNode page) {
        List<JsonNode> entries = new ArrayList<>();
        page.get("entries").forEach(entries::add);
        return entries;
    }

    /** The kind of actor of an entry. */
    static String kind(JsonNode entry) {
        return entry.get("actor").get("kind").asText();
    }

    /** The one entry of {@code entries} whose actor is of {@code kind}. */
    static JsonNode only(List<JsonNode> entries, String kind) {
        List<JsonNode> found = entries.stream().filter(e -> kind(e).equals(kind)).toList();
        assertThat(found).as("entries of %s", kind).hasSize(1);
        return found.get(0);
    }

    /** The display name of a client as the realm has it, its id when it has none. */
    static String clientName(ManagedRealm realm, String clientId) {
        var client = realm.admin().clients().findByClientId(clientId).get(0);
        return client.getName() == null || client.getName().isBlank() ? clientId : client.getName();
    }

    /**
     * Reads {@code log} (a path without a query) filtered by staff and teaching one entry a page, one page past the
     * end: every page counts {@code total} matches, holds staff's teaching entries of {@code recordId} only, newest
     * first and none twice; each call leaves one audit entry.
     */
    static void staffTeachingOneByOne(RawRealmStore raw, Api api, String log, String token, String recordId,
            int total) {
        List<Long> seen = new ArrayList<>();
        for (int offset = 0; offset <= total; offset++) {
            Api.Reply page = raw.once(api.call("GET", log + "?who=staff&purpose=teaching&limit=1&offset=" + offset,
                token, null));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().get("total").asInt()).as("every match of the whole log").isEqualTo(total);
            List<JsonNode> entries = entries(page.json());
            assertThat(entries).hasSize(offset < total ? 1 : 0);
            entries.forEach(e -> {
                assertThat(kind(e)).isEqualTo("STAFF");
                assertThat(e.get("purpose").asText()).isEqualTo("teaching");
                assertThat(e.get("recordId").asText()).as("never another student's entry").isEqualTo(recordId);
                seen.add(e.get("sequence").asLong());
            });
        }
        assertThat(seen).as("newest first, none twice").doesNotHaveDuplicates()
            .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    /**
     * Asks {@code log} (a path without a query) with filter values that cannot be ones: each is a 400 problem that does
     * not repeat the value, and leaves one audit entry.
     */
    static void badFiltersRefused(RawRealmStore raw, Api api, String log, String token) {
        for (String query : List.of("who=teacher", "purpose=a%20b", "purpose=" + "x".repeat(65), "who=staff&limit=0")) {
            Api.Reply refused = raw.once(api.call("GET", log + "?" + query, token, null));
            assertThat(refused.status()).as("%s: %s", query, refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("teacher", "a b");
        }
    }
}
