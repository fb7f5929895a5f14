package edu.studentrecords.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.keycloak.testsuite.util.oauth.AuthorizationEndpointResponse;
import org.keycloak.testsuite.util.oauth.PkceGenerator;

/**
 * A campus set up in a test realm through the admin API, as an administrator would: the campus portal (an internal
 * client people sign in to), a library application (internal, acting for itself), a statistics bureau (external, no
 * grant), the units of three classes as groups, students, a staff member of one class (a member of its group), two
 * administrators (what needs four eyes needs both), and two enrolled students' records.
 */
final class Campus {

    static final String PORTAL = "campus-portal";
    static final String LIBRARY = "library-app";
    static final String BUREAU = "city-statistics-bureau";
    static final String PHYSICS_CLASS = "science/physics/2024-1";
    static final String HISTORY_CLASS = "arts/history/2024-2";
    static final String CHEMISTRY_CLASS = "science/chemistry/2024-1";
    /** The role of an application that works with records for itself (its service account holds it). */
    static final String APPLICATION_ROLE = "records-application";
    static final String PORTAL_PURPOSES = "teaching,student-services,administration";
    /** The redirect of browser applications on any local port, as the demo realm's campus portal has it. */
    static final String LOCAL_APPS = "http://localhost:*";

    static final List<String> STUDENT_SCOPES = RealmBootstrapIT.SCOPES;
    static final String STAFF_SCOPES = "student.profile.read student.profile.write student.identity.read "
        + "student.identity.write student.contact.read student.contact.write student.guardians.read "
        + "student.guardians.write";
    static final String ADMIN_SCOPES = STAFF_SCOPES + " student.admin";

    final ManagedRealm realm;
    final Api api;
    final Map<String, String> secrets = new HashMap<>();
    final Map<String, String> passwords = new HashMap<>();
    final Map<String, String> userIds = new HashMap<>();

    private final String redirectUri;
    private final SecureRandom random = new SecureRandom();

    private Campus(ManagedRealm realm, String redirectUri) {
        this.realm = realm;
        this.api = new Api(realm.getBaseUrl());
        this.redirectUri = redirectUri;
    }

    /** Sets up the clients and people of a campus in {@code realm}; records are enrolled separately. */
    static Campus setUp(ManagedRealm realm, OAuthClient oauth) {
        Campus campus = new Campus(realm, oauth.config().getRedirectUri());
        campus.adminsSeeTheExtensionsAttributes();
        campus.longerTokens();
        campus.units(PHYSICS_CLASS, HISTORY_CLASS, CHEMISTRY_CLASS);
        campus.client(PORTAL, true, "internal", null, PORTAL_PURPOSES, List.of(), STUDENT_SCOPES);
        campus.client(LIBRARY, false, "internal", "*", "library-services", List.of("student.profile.read"), List.of());
        campus.client(BUREAU, false, "external", null, "statistics", List.of("student.profile.read"), List.of());
        campus.person("alice", null, "student");
        campus.person("bob", null, "student");
        campus.person("sam", PHYSICS_CLASS, "records-staff");
        campus.person("ada", null, "records-admin");
        campus.person("eli", null, "records-admin");
        campus.person("sue", null, "records-supervisor");
        return campus;
    }

    /**
     * The campus's units, as groups below the realm's unit root ({@code /units}), the way the school shapes them in
     * the admin console: a record may only be enrolled in a unit whose group exists.
     */
    private void units(String... paths) {
        for (String path : paths) {
            String parentPath = "/units";
            for (String name : path.split("/")) {
                String groupPath = parentPath + "/" + name;
                if (!groupExists(groupPath)) {
                    GroupRepresentation group = new GroupRepresentation();
                    group.setName(name);
                    String parentId = realm.admin().getGroupByPath(parentPath).getId();
                    try (Response created = realm.admin().groups().group(parentId).subGroup(group)) {
                        assertThat(created.getStatus()).as("creating group %s", groupPath).isEqualTo(201);
                    }
                }
                parentPath = groupPath;
            }
        }
    }

    private boolean groupExists(String path) {
        try {
            return realm.admin().getGroupByPath(path) != null;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Puts a person in the group of a unit: staff work with the records of their units. */
    void joinUnit(String username, String unit) {
        String groupId = realm.admin().getGroupByPath("/units/" + unit).getId();
        realm.admin().users().get(userIds.get(username)).joinGroup(groupId);
    }

    /**
     * The attributes the extension keeps on users (an administrator's last sign-in) are not in the declarative user
     * profile; administrators see them, as the demo realm lets them.
     */
    private void adminsSeeTheExtensionsAttributes() {
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_VIEW);
        realm.admin().users().userProfile().update(profile);
    }

    /** Long enough that no token of a test expires before the test shifts the clock on purpose. */
    private void longerTokens() {
        RealmRepresentation representation = realm.admin().toRepresentation();
        representation.setAccessTokenLifespan(1800);
        representation.setSsoSessionIdleTimeout(3600);
        realm.admin().update(representation);
    }

    private void client(String clientId, boolean people, String trust, String units, String purposes,
                        List<String> defaultStudentScopes, List<String> optionalStudentScopes) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setProtocol("openid-connect");
        client.setPublicClient(false);
        String secret = secret();
        client.setSecret(secret);
        client.setStandardFlowEnabled(people);
        client.setServiceAccountsEnabled(!people);
        client.setDirectAccessGrantsEnabled(false);
        if (people) {
            // As the demo's campus portal: the test's own redirect, and any local port for browser applications,
            // whose origins are the client's web origins ("+").
            client.setRedirectUris(List.of(redirectUri, LOCAL_APPS));
            client.setWebOrigins(List.of("+"));
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put("student-records.trust", trust);
        attributes.put("student-records.purposes", purposes);
        if (units != null) {
            attributes.put("student-records.units", units);
        }
        if (people) {
            attributes.put("pkce.code.challenge.method", "S256");
        }
        client.setAttributes(attributes);
        List<String> defaults = new java.util.ArrayList<>(List.of("basic", "roles", "profile", "web-origins", "acr"));
        defaults.addAll(defaultStudentScopes);
        client.setDefaultClientScopes(defaults);
        client.setOptionalClientScopes(optionalStudentScopes);
        try (Response created = realm.admin().clients().create(client)) {
            assertThat(created.getStatus()).as("creating client %s", clientId).isEqualTo(201);
        }
        secrets.put(clientId, secret);
        if (!people) {
            // An application acting for itself holds the application role: without it, its token carries no record scope.
            String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
            String serviceAccount = realm.admin().clients().get(id).getServiceAccountUser().getId();
            realm.admin().users().get(serviceAccount).roles().realmLevel()
                .add(List.of(realm.admin().roles().get(APPLICATION_ROLE).toRepresentation()));
        }
    }

    /** Adds a person with a generated password, holding the realm role {@code role}, in {@code units} (or none). */
    void person(String username, String units, String role) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@people.example.test");
        user.setEmailVerified(true);
        user.setFirstName(Character.toUpperCase(username.charAt(0)) + username.substring(1));
        user.setLastName("Tester");
        String id;
        try (Response created = realm.admin().users().create(user)) {
            assertThat(created.getStatus()).as("creating user %s", username).isEqualTo(201);
            id = CreatedResponseUtil.getCreatedId(created);
        }
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setTemporary(false);
        password.setValue(secret());
        realm.admin().users().get(id).resetPassword(password);
        RealmResource admin = realm.admin();
        admin.users().get(id).roles().realmLevel().add(List.of(admin.roles().get(role).toRepresentation()));
        passwords.put(username, password.getValue());
        userIds.put(username, id);
        if (units != null) {
            joinUnit(username, units);
        }
    }

    /** Lets people of the realm choose English or Simplified Chinese, English unless they chose. */
    void offersEnglishAndChinese() {
        RealmRepresentation representation = realm.admin().toRepresentation();
        representation.setInternationalizationEnabled(true);
        representation.setSupportedLocales(Set.of("en", "zh-CN"));
        representation.setDefaultLocale("en");
        realm.admin().update(representation);
    }

    /** Sets a person's language (user attribute {@code locale}, the token's locale claim), as a language switch does. */
    void speaks(String username, String languageTag) {
        var user = realm.admin().users().get(userIds.get(username));
        UserRepresentation representation = user.toRepresentation();
        representation.setAttributes(new HashMap<>(representation.getAttributes() == null
            ? Map.of() : representation.getAttributes()));
        representation.getAttributes().put("locale", List.of(languageTag));
        user.update(representation);
    }

    /**
     * A person's access token through the authorization code flow with PKCE (S256) at {@code clientId}, asking for
     * {@code scope} (space-separated, besides {@code openid}).
     */
    String signIn(OAuthClient oauth, String username, String clientId, String scope) {
        return signInForTokens(oauth, username, clientId, scope).getAccessToken();
    }

    /** As {@link #signIn}, with every token of the answer (the ID token too). */
    AccessTokenResponse signInForTokens(OAuthClient oauth, String username, String clientId, String scope) {
        SignInStart start = startSignIn(oauth, username, clientId, scope);
        AuthorizationEndpointResponse authorization = oauth.parseLoginResponse();
        assertThat(authorization.getCode()).as("authorization code for %s at %s (page: %s)", username, clientId,
            oauth.getDriver().getTitle()).isNotNull();
        return finishSignIn(oauth, start, authorization.getCode());
    }

    /**
     * Opens the login form of {@code clientId} as a fresh browser and submits {@code username}'s password; the
     * browser is then wherever the server sent it (the redirect with a code, or a required action's page).
     */
    SignInStart startSignIn(OAuthClient oauth, String username, String clientId, String scope) {
        signOut(oauth);
        oauth.realm(realm.getName()).client(clientId, secrets.get(clientId)).redirectUri(redirectUri).scope(scope);
        PkceGenerator pkce = PkceGenerator.s256();
        try {
            oauth.loginForm().codeChallenge(pkce).open();
            oauth.fillLoginForm(username, passwords.get(username));
        } catch (RuntimeException e) {
            throw new AssertionError("no login form for " + username + " at " + clientId + ": "
                + oauth.getDriver().getCurrentUrl() + " " + oauth.getDriver().getTitle(), e);
        }
        return new SignInStart(username, clientId, pkce);
    }

    /** Exchanges the code of a sign-in begun with {@link #startSignIn} for tokens, and forgets the browser's session. */
    AccessTokenResponse finishSignIn(OAuthClient oauth, SignInStart start, String code) {
        AccessTokenResponse tokens = oauth.accessTokenRequest(code).codeVerifier(start.pkce()).send();
        assertThat(tokens.getAccessToken()).as("access token for %s: %s", start.username(), tokens.getError())
            .isNotNull();
        signOut(oauth);
        return tokens;
    }

    /** A sign-in under way: who, where, and the PKCE verifier its code needs. */
    record SignInStart(String username, String clientId, PkceGenerator pkce) {
    }

    /** Forgets the browser's session in this realm, so that the next sign-in shows the login form again. */
    private void signOut(OAuthClient oauth) {
        // The driver deletes the cookies the current page sees: the realm's cookies live below its path.
        oauth.getDriver().navigate().to(realm.getBaseUrl() + "/.well-known/openid-configuration");
        oauth.getDriver().manage().deleteAllCookies();
    }

    /** A client's own access token through the client credentials grant. */
    String serviceToken(OAuthClient oauth, String clientId) {
        oauth.realm(realm.getName()).client(clientId, secrets.get(clientId)).scope(null);
        AccessTokenResponse tokens = oauth.doClientCredentialsGrantAccessTokenRequest();
        assertThat(tokens.getAccessToken()).as("service token of %s: %s", clientId, tokens.getError()).isNotNull();
        return tokens.getAccessToken();
    }

    /** A report a student sent the centre, and the entry of their access log it names. */
    record SentReport(String id, long entry) {
    }

    /** The student of {@code studentToken} reports the newest entry of their access log to the centre with {@code message}. */
    SentReport reportsNewestAccess(String studentToken, String message) {
        long entry = api.call("GET", "/me/access-log", studentToken, null).send().json()
            .path("entries").get(0).path("sequence").asLong();
        Api.Reply sent = api.call("POST", "/me/reports", studentToken, null)
            .json("application/json", Map.of("message", message, "auditEntries", List.of(entry))).send();
        assertThat(sent.status()).as("%s", sent.body()).isEqualTo(201);
        return new SentReport(sent.json().path("id").asText(), entry);
    }

    /**
     * The body of {@code POST /grants} for the statistics bureau ({@link #BUREAU}): the profiles of {@code unit}'s
     * students for statistics, until {@code expiresAt}, with the signed agreement as a file of {@code contentType}.
     */
    static Map<String, Object> grantRequest(String unit, Instant expiresAt, String reference, String fileName,
                                            String contentType, byte[] content) {
        Map<String, Object> agreement = new LinkedHashMap<>();
        agreement.put("reference", reference);
        agreement.put("fileName", fileName);
        agreement.put("contentType", contentType);
        agreement.put("content", Base64.getEncoder().encodeToString(content));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", BUREAU);
        body.put("purpose", "statistics");
        body.put("groups", List.of("profile"));
        body.put("units", List.of(unit));
        body.put("expiresAt", expiresAt.toString());
        body.put("agreement", agreement);
        return body;
    }

    /**
     * Links {@code username}'s guardian account to the guardian entry {@code guardianIndex} of the record as the centre
     * does: one administrator links ({@code adminToken}), a second approves ({@code approverToken}); returns the link.
     */
    String linkGuardian(String adminToken, String approverToken, String recordId, int guardianIndex, String username) {
        String links = "/records/" + recordId + "/guardian-links";
        Api.Reply linked = api.call("POST", links, adminToken, "administration")
            .json("application/json", Map.of("guardianIndex", guardianIndex, "username", username)).send();
        assertThat(linked.status()).as("linking %s: %s", username, linked.body()).isEqualTo(201);
        String id = linked.json().get("id").asText();
        Api.Reply approved = api.call("POST", links + "/" + id + "/approve", approverToken, "administration").send();
        assertThat(approved.status()).as("approving %s's link: %s", username, approved.body()).isEqualTo(200);
        return id;
    }

    /** Enrols {@code student} for the user {@code owner} with an administrator's token; returns the record id. */
    String enrol(String adminToken, GeneratedStudent student, String owner) {
        Api.Reply created = api.call("POST", "/records", adminToken, "administration")
            .json("application/json", student.enrolment(userIds.get(owner))).send();
        assertThat(created.status()).as("enrolling %s: %s", student.studentNumber(), created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String secret() {
        return UUID.nameUUIDFromBytes(random.generateSeed(16)).toString();
    }
}
