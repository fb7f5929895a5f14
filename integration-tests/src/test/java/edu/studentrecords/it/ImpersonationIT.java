package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testsuite.util.oauth.PkceGenerator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's impersonation, as an administrator of the server starts it from the admin console: the session it opens
 * signs in to the campus portal as the impersonated person, and the token is that person's. Such a session may read
 * what the person may read, and every entry it leaves names the impersonator; it may do none of the centre's duties
 * nor destroy anything (403 {@code …/impersonated}), and the self-check reports the impersonator who tried.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class ImpersonationIT {

    private static final String ADMINISTRATION = "administration";
    private static final String CENTRE_SCOPES = ADMIN_SCOPES + " student.purge student.audit";

    @InjectRealm(ref = "impersonation")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectRealm(ref = "impersonated-student")
    ManagedRealm studentRealm;

    @InjectRealm(ref = "impersonated-guardian")
    ManagedRealm guardianRealm;

    @InjectAdminClient
    Keycloak serverAdmin;

    @Test
    void anImpersonatedSessionReadsUnderTheImpersonatorsNameAndDoesNoDuty() throws Exception {
        Campus campus = Campus.setUp(realm, oauth);
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, CENTRE_SCOPES);
        String record = campus.enrol(ada, GeneratedStudent.number(91, Campus.PHYSICS_CLASS), "alice");
        String path = "/records/" + record;
        String impersonator = Api.claims(serverAdmin.tokenManager().getAccessTokenString()).path("sub").asText();

        String asAda = impersonate(campus, "ada", CENTRE_SCOPES);
        assertThat(Api.claims(asAda).path("sub").asText()).as("the token is ada's").isEqualTo(campus.userIds.get("ada"));

        Api.Reply read = api.call("GET", path, asAda, ADMINISTRATION).send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        List<Api.Reply> duties = new ArrayList<>();
        duties.add(api.call("POST", path + "/purge-requests", asAda, ADMINISTRATION)
            .json("application/json", Map.of("reason", "Asked while impersonating")).send());
        duties.add(api.call("GET", "/retention/policy", asAda, ADMINISTRATION).send());
        duties.add(api.call("PUT", "/settings", asAda, ADMINISTRATION)
            .json("application/json", api.call("GET", "/settings", ada, ADMINISTRATION).send().json()).send());
        duties.add(api.call("GET", "/audit/verify", asAda, ADMINISTRATION).send());
        duties.add(api.call("POST", "/backups", asAda, ADMINISTRATION).send());
        duties.add(api.call("GET", "/applications", asAda, ADMINISTRATION).send());
        // Nor the second administrator's approval of a change that makes a client less protected.
        Api.Reply turnInternal = api.call("PUT", "/applications/" + Campus.BUREAU,
            campus.signIn(oauth, "eli", PORTAL, CENTRE_SCOPES), ADMINISTRATION).json("application/json",
            Map.of("trust", "internal", "purposes", List.of("statistics"), "units", List.of("*"))).send();
        assertThat(turnInternal.status()).as(turnInternal.body()).isEqualTo(202);
        duties.add(api.call("POST", "/applications/" + Campus.BUREAU + "/changes/"
            + turnInternal.json().at("/pendingChange/id").asText() + "/approve", asAda, ADMINISTRATION).send());
        // Nor the centre's record work: no change, no leaver, no enrolment, no export.
        String etag = api.call("GET", path, ada, ADMINISTRATION).send().header("ETag");
        duties.add(api.call("PATCH", path, asAda, ADMINISTRATION).header("If-Match", etag)
            .json("application/merge-patch+json", Map.of("profile", Map.of("status", "WITHDRAWN",
                "leavingDate", "2025-01-01"))).send());
        duties.add(api.call("PATCH", path, asAda, ADMINISTRATION).header("If-Match", etag)
            .json("application/merge-patch+json", Map.of("contact", Map.of("homeAddress", "1 Impersonated Road")))
            .send());
        duties.add(api.call("POST", "/records", asAda, ADMINISTRATION).json("application/json",
            GeneratedStudent.number(93, Campus.PHYSICS_CLASS).enrolment(null)).send());
        duties.add(api.call("POST", "/records:import", asAda, ADMINISTRATION).json("application/x-ndjson",
            Api.JSON.writeValueAsString(GeneratedStudent.number(94, Campus.PHYSICS_CLASS).enrolment(null)) + "\n")
            .send());
        for (Api.Reply duty : duties) {
            assertThat(duty.status()).as(duty.body()).isEqualTo(403);
            assertThat(duty.json().get("type").asText()).isEqualTo("https://student-records.example/problems/impersonated");
            assertThat(duty.json().get("reason").asText()).isEqualTo("IMPERSONATED");
        }

        String alice = campus.signIn(oauth, "alice", PORTAL, "student.self");
        JsonNode log = api.call("GET", "/me/access-log?limit=100", alice, null).send().json().get("entries");
        List<JsonNode> byImpersonation = new ArrayList<>();
        log.forEach(entry -> {
            if (impersonator.equals(entry.path("impersonator").asText())) {
                byImpersonation.add(entry);
            }
        });
        assertThat(byImpersonation).extracting(e -> e.get("operation").asText() + " " + e.get("outcome").asText())
            .containsExactlyInAnyOrder("READ DONE", "PURGE_REQUEST DENIED", "UPDATE DENIED", "UPDATE DENIED");
        byImpersonation.forEach(e -> assertThat(e.get("subject").asText()).isEqualTo(campus.userIds.get("ada")));

        String sue = campus.signIn(oauth, "sue", PORTAL, "student.audit");
        Api.Reply check = api.call("POST", "/self-check", sue, ADMINISTRATION).send();
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        List<String> flagged = new ArrayList<>();
        check.json().get("findings").forEach(f -> {
            if (f.get("code").asText().equals("IMPERSONATED_DUTY_CALL")) {
                flagged.add(f.get("actor").asText());
            }
        });
        assertThat(flagged).as(check.body()).containsExactly("user:" + impersonator);
    }

    @Test
    void anImpersonatedStudentSeesTheirRecordAndTheEntryNamesTheImpersonator() throws Exception {
        Campus campus = Campus.setUp(studentRealm, oauth);
        String ada = campus.signIn(oauth, "ada", PORTAL, CENTRE_SCOPES);
        campus.enrol(ada, GeneratedStudent.number(92, Campus.HISTORY_CLASS), "bob");
        String impersonator = Api.claims(serverAdmin.tokenManager().getAccessTokenString()).path("sub").asText();

        String asBob = impersonate(campus, "bob", "student.self");
        Api.Reply own = campus.api.call("GET", "/me", asBob, null).send();
        assertThat(own.status()).isEqualTo(200);
        // Reading is all: the administrator neither confirms, changes, exports nor reports anything in Bob's name.
        List<Api.Reply> acts = List.of(
            campus.api.call("POST", "/me/verification", asBob, null).send(),
            campus.api.call("PATCH", "/me", asBob, null).header("If-Match", own.header("ETag"))
                .json("application/merge-patch+json", Map.of("contact", Map.of("homeAddress", "2 Spoken For Road")))
                .send(),
            campus.api.call("GET", "/me/export", asBob, null).send(),
            campus.api.call("POST", "/me/corrections", asBob, null).json("application/json",
                Map.of("changes", Map.of("profile", Map.of("name", "Another Name")), "reason", "Asked for him"))
                .send(),
            campus.api.call("POST", "/me/reports", asBob, null).json("application/json",
                Map.of("message", "Reported in his name", "auditEntries", List.of())).send());
        for (Api.Reply act : acts) {
            assertThat(act.status()).as("%s: %s", act, act.body()).isEqualTo(403);
            assertThat(act.json().get("reason").asText()).isEqualTo("IMPERSONATED");
        }

        // The sign-in's verification page, put before the administrator by the account's required action, confirms
        // nothing in Bob's name either.
        UserRepresentation account = studentRealm.admin().users().get(campus.userIds.get("bob")).toRepresentation();
        account.setRequiredActions(List.of("student-record-verification"));
        studentRealm.admin().users().get(campus.userIds.get("bob")).update(account);
        impersonate(campus, "bob", "student.self");

        String bob = campus.signIn(oauth, "bob", PORTAL, "student.self");
        JsonNode mine = campus.api.call("GET", "/me", bob, null).send().json();
        assertThat(mine.path("verifiedAt").isMissingNode() || mine.path("verifiedAt").isNull())
            .as("not confirmed: %s", mine.path("verifiedAt")).isTrue();
        JsonNode entries = campus.api.call("GET", "/me/access-log?limit=100", bob, null).send().json().get("entries");
        List<String> readBy = new ArrayList<>();
        List<String> signInsByImpersonator = new ArrayList<>();
        List<String> verifications = new ArrayList<>();
        entries.forEach(e -> {
            String operation = e.get("operation").asText();
            if (operation.equals("READ") && e.has("impersonator")) {
                readBy.add(e.get("impersonator").asText());
            }
            if (Set.of("TOKEN_CLAIMS", "CONFIRMATION_CHECK").contains(operation)
                && impersonator.equals(e.path("impersonator").asText())) {
                signInsByImpersonator.add(operation);
            }
            if (operation.equals("VERIFY")) {
                verifications.add(e.path("outcome").asText() + " " + e.path("impersonator").asText());
            }
        });
        assertThat(readBy).as("the reads of /me and of the verification page").containsOnly(impersonator);
        // Bob's log never says "you" for what someone acting as him did: it is staff's, filtered as staff's.
        entries.forEach(e -> {
            if (e.has("impersonator")) {
                assertThat(e.path("actor").path("kind").asText()).as("%s", e).isEqualTo("STAFF");
            }
        });
        JsonNode his = campus.api.call("GET", "/me/access-log?who=you&limit=100", bob, null).send().json();
        his.get("entries").forEach(e -> assertThat(e.has("impersonator")).as("%s", e).isFalse());
        JsonNode staffs = campus.api.call("GET", "/me/access-log?who=staff&limit=100", bob, null).send().json();
        List<String> staffReads = new ArrayList<>();
        staffs.get("entries").forEach(e -> {
            if (e.get("operation").asText().equals("READ") && e.has("impersonator")) {
                staffReads.add(e.get("impersonator").asText());
            }
        });
        assertThat(staffReads).as("the impersonator's reads under staff").isNotEmpty().containsOnly(impersonator);
        assertThat(signInsByImpersonator).as("the sign-ins' own entries name the impersonator").isNotEmpty();
        assertThat(verifications).as("every verification tried was refused, under the impersonator's name")
            .isNotEmpty().allMatch(v -> v.equals("DENIED " + impersonator));
    }

    /**
     * In a guardian's view of a child's log, what an administrator did while impersonating the guardian or the child is
     * staff's: never "you", never the child.
     */
    @Test
    void whatAnImpersonatorDidIsStaffsInTheGuardiansViewOfTheChildsLog() throws Exception {
        Campus campus = Campus.setUp(guardianRealm, oauth);
        campus.person("grace", null, "guardian");
        campus.person("mia", null, "student");
        String ada = campus.signIn(oauth, "ada", PORTAL, CENTRE_SCOPES);
        String mia = campus.enrol(ada, GeneratedStudent.number(95, Campus.PHYSICS_CLASS)
            .bornOn(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusYears(12).minusDays(40)), "mia");
        campus.linkGuardian(ada, campus.signIn(oauth, "eli", PORTAL, CENTRE_SCOPES), mia, 0, "grace");
        String impersonator = Api.claims(serverAdmin.tokenManager().getAccessTokenString()).path("sub").asText();

        String asGrace = impersonate(campus, "grace", "student.guardian");
        assertThat(campus.api.call("GET", "/guardian/children/" + mia, asGrace, null).send().status()).isEqualTo(200);
        // Accepting an invitation makes a link in the guardian's name: never by an impersonator, whatever the token
        // (refused before the token is looked up, so a real one stays for the guardian it was mailed to).
        Api.Reply accept = campus.api.call("POST", "/guardian/invitations", asGrace, null)
            .json("application/json", Map.of("token", "an-invitation-token-mailed-to-the-guardian")).send();
        assertThat(accept.status()).as(accept.body()).isEqualTo(403);
        assertThat(accept.json().get("type").asText()).endsWith("/impersonated");
        String asMia = impersonate(campus, "mia", "student.self");
        assertThat(campus.api.call("GET", "/me", asMia, null).send().status()).isEqualTo(200);
        String grace = campus.signIn(oauth, "grace", PORTAL, "student.guardian");
        assertThat(campus.api.call("GET", "/guardian/children/" + mia, grace, null).send().status()).isEqualTo(200);
        String own = campus.signIn(oauth, "mia", PORTAL, "student.self");
        assertThat(campus.api.call("GET", "/me", own, null).send().status()).isEqualTo(200);

        String log = "/guardian/children/" + mia + "/access-log?limit=1000";
        JsonNode entries = campus.api.call("GET", log, grace, null).send().json().get("entries");
        List<String> impersonatedReads = new ArrayList<>();
        List<String> ownReads = new ArrayList<>();
        entries.forEach(e -> {
            String kind = e.path("actor").path("kind").asText();
            if (e.has("impersonator")) {
                assertThat(kind).as("%s", e).isEqualTo("STAFF");
                if (e.get("operation").asText().equals("READ")) {
                    impersonatedReads.add(e.get("subject").asText());
                }
            } else if (e.get("operation").asText().equals("READ")) {
                ownReads.add(kind);
            }
        });
        assertThat(impersonatedReads).as("the impersonator's reads as grace and as mia")
            .containsExactlyInAnyOrder(campus.userIds.get("grace"), campus.userIds.get("mia"));
        assertThat(ownReads).as("grace's and mia's own reads").contains("YOU", "STUDENT");
        for (String who : List.of("you", "student")) {
            JsonNode theirs = campus.api.call("GET", log + "&who=" + who, grace, null).send().json();
            assertThat(theirs.get("entries")).as(who).isNotEmpty()
                .allSatisfy(e -> assertThat(e.has("impersonator")).as("%s", e).isFalse());
        }
        JsonNode staff = campus.api.call("GET", log + "&who=staff", grace, null).send().json();
        List<String> staffImpersonators = new ArrayList<>();
        staff.get("entries").forEach(e -> {
            if (e.get("operation").asText().equals("READ") && e.has("impersonator")) {
                staffImpersonators.add(e.get("impersonator").asText());
            }
        });
        assertThat(staffImpersonators).as("under staff").hasSize(2).containsOnly(impersonator);
    }

    /**
     * Impersonates {@code username} through the admin REST API, as the admin console's "Impersonate" does, and signs
     * in to the campus portal in the session it opened: the authorization endpoint answers with a code at once.
     */
    private String impersonate(Campus campus, String username, String scope) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        ManagedRealm realm = campus.realm;
        String server = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        HttpResponse<String> started = browser.send(HttpRequest.newBuilder(URI.create(server + "/admin/realms/"
                + realm.getName() + "/users/" + campus.userIds.get(username) + "/impersonation"))
            .header("Authorization", "Bearer " + serverAdmin.tokenManager().getAccessTokenString())
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

        PkceGenerator pkce = PkceGenerator.s256();
        String redirect = oauth.config().getRedirectUri();
        String authorize = realm.getBaseUrl() + "/protocol/openid-connect/auth?response_type=code&client_id=" + PORTAL
            + "&redirect_uri=" + encode(redirect) + "&scope=" + encode("openid " + scope) + "&state=impersonation"
            + "&code_challenge=" + pkce.getCodeChallenge() + "&code_challenge_method=S256";
        // The session cookies are Secure: a browser sends them to http://localhost (a secure context), so do we.
        Map<String, String> jar = new LinkedHashMap<>();
        keep(jar, started);
        HttpResponse<String> answered = browser.send(HttpRequest.newBuilder(URI.create(authorize))
            .header("Cookie", cookies(jar)).GET().build(), HttpResponse.BodyHandlers.ofString());
        String next = answered.headers().firstValue("Location").orElse("");
        if (answered.statusCode() == 302 && next.contains("/login-actions/")) {
            keep(jar, answered);
            answered = browser.send(HttpRequest.newBuilder(URI.create(next)).header("Cookie", cookies(jar)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        }
        Matcher page = Pattern.compile("action=\"([^\"]+)\"").matcher(answered.body());
        if (answered.statusCode() == 200 && page.find()) {
            // A page of the sign-in stands in the way (the periodic verification): the administrator confirms on it.
            keep(jar, answered);
            answered = browser.send(HttpRequest.newBuilder(URI.create(page.group(1).replace("&amp;", "&")))
                .header("Cookie", cookies(jar)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("confirm=confirm")).build(), HttpResponse.BodyHandlers.ofString());
        }
        String location = answered.headers().firstValue("Location").orElse("");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).as("a code at once, in the impersonation's session: %s %s", answered.statusCode(),
            location).isTrue();

        String form = "grant_type=authorization_code&code=" + code.group(1) + "&redirect_uri=" + encode(redirect)
            + "&client_id=" + PORTAL + "&client_secret=" + encode(campus.secrets.get(PORTAL))
            + "&code_verifier=" + pkce.getCodeVerifier();
        HttpResponse<String> tokens = browser.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl()
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Api.JSON.readTree(tokens.body()).get("access_token").asText();
    }

    private static void keep(Map<String, String> jar, HttpResponse<String> response) {
        response.headers().allValues("Set-Cookie").forEach(c -> {
            String pair = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
            jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        });
    }

    private static String cookies(Map<String, String> jar) {
        return jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
