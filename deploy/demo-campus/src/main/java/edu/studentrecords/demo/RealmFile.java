package edu.studentrecords.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.Purpose;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.StudentScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The Keycloak realm representation of the demo campus, for {@code kc.sh start-dev --import-realm}: roles,
 * the API's client scopes, the campus clients and every person of the {@link Campus}. The realm id is
 * {@code campus}, so the record database is {@code student_records_campus}.
 *
 * <p>The realm never enables the password grant: demo logins go through the browser or the device flow.
 */
final class RealmFile {

    static final String REALM = "campus";
    /** The account theme of the realm: Keycloak's account console with the student pages. */
    static final String ACCOUNT_THEME = "student-records";
    static final String AUDIENCE = "student-records";
    static final String REALM_PURPOSES = Purpose.defaultList();
    /** The group below which the realm's units are groups: {@code /units/science/physics/2024-1}. */
    static final String UNITS_ROOT = "units";
    /** The realm attribute of the consent purposes (a JSON array of {@code {"id","version","texts":{"en","zh-CN"}}}). */
    static final String CONSENT_PURPOSES_ATTRIBUTE = "student-records.consent-purposes";
    private static final List<String> BASIC_SCOPES = List.of("basic", "profile", "email", "roles", "web-origins", "acr");

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Where the demo's mails come from, and where the centre's go (the mail catcher of a development run). */
    static final String MAIL_FROM = "no-reply@campus.example.test";
    static final String CENTRE_EMAIL = "records-centre@campus.example.test";

    private final Campus campus;
    private final Integer smtpPort;

    RealmFile(Campus campus) {
        this(campus, null);
    }

    /** With {@code smtpPort}, the realm mails through a mail server on that port of 127.0.0.1; null: no mail. */
    RealmFile(Campus campus, Integer smtpPort) {
        this.campus = campus;
        this.smtpPort = smtpPort;
    }

    /** Writes the realm file, replacing an existing one. */
    void writeTo(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            json.writeValue(file.toFile(), realm());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the realm file", e);
        }
    }

    /** The realm representation. */
    ObjectNode realm() {
        ObjectNode realm = json.createObjectNode();
        realm.put("id", REALM);
        realm.put("realm", REALM);
        realm.put("enabled", true);
        realm.put("displayName", "Campus (demo: every password equals its username)");
        realm.put("displayNameHtml", "<div class=\"kc-logo-text\"><span>Campus</span></div>"
                + "<p>Demo only: every password equals its username, e.g. alice.student / alice.student.</p>");
        realm.put("sslRequired", "external");
        realm.put("loginWithEmailAllowed", true);
        realm.put("internationalizationEnabled", true);
        realm.putArray("supportedLocales").add("en").add("zh-CN");
        realm.put("defaultLocale", "en");
        // Guessing passwords locks an account for a while (Keycloak's brute force detection), as in production.
        realm.put("bruteForceProtected", true);
        realm.put("permanentLockout", false);
        realm.put("failureFactor", 10);
        realm.put("waitIncrementSeconds", 60);
        realm.put("maxFailureWaitSeconds", 900);
        realm.put("maxDeltaTimeSeconds", 43200);
        // The account console with the students' pages (themes/, deployed beside the extension).
        realm.put("accountTheme", ACCOUNT_THEME);
        ObjectNode attributes = realm.putObject("attributes");
        if (smtpPort != null) {
            ObjectNode smtp = realm.putObject("smtpServer");
            smtp.put("host", "127.0.0.1");
            smtp.put("port", Integer.toString(smtpPort));
            smtp.put("from", MAIL_FROM);
            smtp.put("fromDisplayName", "Campus student records");
            attributes.put("student-records.centre-email", CENTRE_EMAIL);
        }
        attributes.put("student-records.purposes", REALM_PURPOSES);
        attributes.put("student-records.verification-period-days", "180");
        attributes.put("student-records.units-root", UNITS_ROOT);
        attributes.put(CONSENT_PURPOSES_ATTRIBUTE, consentPurposes());
        // Keycloak creates its built-in scopes (basic, profile, email, ...) only when asked, once a realm file lists scopes.
        attributes.put("CreateDefaultClientScopes", "true");
        ArrayNode realmRoles = realm.putObject("roles").putArray("realm");
        realmRoles.add(role(RealmRole.ADMIN, "The information management centre: every student record"));
        realmRoles.add(role(RealmRole.STAFF, "Authorised personnel: the records of their units"));
        realmRoles.add(role(RealmRole.SUPERVISOR, "Supervision: audit trail and reports, never record contents"));
        realmRoles.add(role(RealmRole.STUDENT, "A student: their own record"));
        realmRoles.add(role(RealmRole.GUARDIAN, "A parent or guardian: acts for their linked children under 18"));
        realmRoles.add(role(RealmRole.APPLICATION, "An application acting for itself: the records its client may reach"));
        realm.set("groups", json.createArrayNode().add(unitGroups()));
        ArrayNode scopes = realm.putArray("clientScopes");
        Arrays.stream(StudentScope.values()).forEach(scope -> scopes.add(clientScope(scope)));
        // The consent texts themselves (English, Simplified Chinese) are the extension's: its realm bootstrap adds them
        // when the realm is created. A realm file with texts of its own would collide with them during the import.
        ObjectNode userProfile = realm.putObject("components").putArray("org.keycloak.userprofile.UserProfileProvider").addObject();
        userProfile.put("providerId", "declarative-user-profile");
        userProfile.putObject("subComponents");
        userProfile.putObject("config").putArray("kc.user.profile.config").add(userProfileConfig());
        ArrayNode clients = realm.putArray("clients");
        clients.add(campusPortal());
        clients.add(libraryApp());
        clients.add(teacherApp());
        clients.add(statisticsBureau());
        ArrayNode users = realm.putArray("users");
        Random salts = new Random(campus.seed());
        campus.people().forEach(person -> users.add(user(person, salts)));
        users.add(serviceAccount("library-app"));
        users.add(serviceAccount("city-statistics-bureau"));
        return realm;
    }

    /**
     * The realm's consent purposes: what a student (or, under 14, a guardian) may agree to, each with its text in
     * English and Simplified Chinese and the version of that text.
     */
    private String consentPurposes() {
        ArrayNode purposes = json.createArrayNode();
        purposes.add(consentPurpose("photo-publication", "Photos of the student may be published on the school's website and in its yearbook.",
                "学校可在网站和年刊上发布该学生的照片。"));
        purposes.add(consentPurpose("research-statistics", "The student's records may be used, without names, for educational research and statistics.",
                "学校可在不具名的情况下将该学生的档案用于教育研究和统计。"));
        try {
            return new ObjectMapper().writeValueAsString(purposes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the consent purposes", e);
        }
    }

    private ObjectNode consentPurpose(String id, String english, String chinese) {
        ObjectNode purpose = json.createObjectNode();
        purpose.put("id", id);
        purpose.put("version", 1);
        ObjectNode texts = purpose.putObject("texts");
        texts.put("en", english);
        texts.put("zh-CN", chinese);
        return purpose;
    }

    /** The units of the campus as groups: {@code units}, then faculties, departments and classes. */
    private ObjectNode unitGroups() {
        ObjectNode root = json.createObjectNode();
        root.put("name", UNITS_ROOT);
        for (String unit : CampusUnits.CLASSES) {
            ObjectNode parent = root;
            for (String name : unit.split("/")) {
                parent = subGroup(parent, name);
            }
        }
        return root;
    }

    private ObjectNode subGroup(ObjectNode parent, String name) {
        ArrayNode children = parent.has("subGroups") ? (ArrayNode) parent.get("subGroups") : parent.putArray("subGroups");
        for (var child : children) {
            if (name.equals(child.get("name").asText())) {
                return (ObjectNode) child;
            }
        }
        ObjectNode group = children.addObject();
        group.put("name", name);
        return group;
    }

    /** The service account of an application client, holding the role that lets its tokens carry record scopes. */
    private ObjectNode serviceAccount(String clientId) {
        ObjectNode user = json.createObjectNode();
        user.put("username", "service-account-" + clientId);
        user.put("enabled", true);
        user.put("serviceAccountClientId", clientId);
        user.putArray("realmRoles").add("default-roles-" + REALM).add(RealmRole.APPLICATION.roleName());
        return user;
    }

    /**
     * Keycloak's default user profile, except that attributes it does not declare (those the extension keeps, such as
     * an administrator's last sign-in) are shown to and edited by administrators, never by the users themselves.
     */
    private static String userProfileConfig() {
        try (InputStream in = RealmFile.class.getResourceAsStream("user-profile.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("user-profile.json is missing from the jar", e);
        }
    }

    private ObjectNode role(RealmRole role, String description) {
        ObjectNode node = json.createObjectNode();
        node.put("name", role.roleName());
        node.put("description", description);
        return node;
    }

    private ObjectNode clientScope(StudentScope scope) {
        ObjectNode node = json.createObjectNode();
        node.put("name", scope.scopeName());
        node.put("description", scope.description());
        node.put("protocol", "openid-connect");
        ObjectNode attributes = node.putObject("attributes");
        attributes.put("include.in.token.scope", "true");
        attributes.put("display.on.consent.screen", "true");
        attributes.put("consent.screen.text", "${" + scope.consentKey() + "}");
        ObjectNode mapper = node.putArray("protocolMappers").addObject();
        mapper.put("name", "audience " + AUDIENCE);
        mapper.put("protocol", "openid-connect");
        mapper.put("protocolMapper", "oidc-audience-mapper");
        mapper.put("consentRequired", false);
        ObjectNode config = mapper.putObject("config");
        config.put("included.custom.audience", AUDIENCE);
        config.put("access.token.claim", "true");
        config.put("id.token.claim", "false");
        config.put("introspection.token.claim", "true");
        return node;
    }

    /** The campus's own single-page application: a public client with PKCE, every student scope on request. */
    private ObjectNode campusPortal() {
        ObjectNode client = client("campus-portal", "Campus portal", ClientTrust.INTERNAL,
                "teaching,student-services,administration");
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.putArray("redirectUris").add("http://localhost:*").add("http://127.0.0.1:*");
        client.putArray("webOrigins").add("+");
        ObjectNode attributes = (ObjectNode) client.get("attributes");
        attributes.put("pkce.code.challenge.method", "S256");
        attributes.put("post.logout.redirect.uris", "+");
        // The device flow lets a terminal get a token for a person who signs in with a browser (see the README).
        attributes.put("oauth2.device.authorization.grant.enabled", "true");
        ArrayNode optional = client.putArray("optionalClientScopes").add("offline_access");
        Arrays.stream(StudentScope.values()).forEach(scope -> optional.add(scope.scopeName()));
        return client;
    }

    /** The port of the example teacher app ({@code examples/teacher-app/run.sh}). */
    static final int TEACHER_APP_PORT = 8090;

    /**
     * The example teacher app of {@code examples/teacher-app}: a browser app of its own (public, PKCE), on one address,
     * which is also its only web origin (Keycloak's token endpoint answers the browser's CORS for exact origins only),
     * for teaching, with only the scopes a teacher's class list needs.
     */
    private ObjectNode teacherApp() {
        ObjectNode client = client("teacher-app", "Teacher app (example)", ClientTrust.INTERNAL, "teaching");
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        String[] origins = {"http://localhost:" + TEACHER_APP_PORT, "http://127.0.0.1:" + TEACHER_APP_PORT};
        ArrayNode redirects = client.putArray("redirectUris");
        ArrayNode webOrigins = client.putArray("webOrigins");
        for (String origin : origins) {
            redirects.add(origin + "/");
            webOrigins.add(origin);
        }
        ObjectNode attributes = (ObjectNode) client.get("attributes");
        attributes.put("pkce.code.challenge.method", "S256");
        attributes.put("post.logout.redirect.uris", "+");
        ArrayNode optional = client.putArray("optionalClientScopes");
        for (StudentScope scope : new StudentScope[] {StudentScope.SEARCH, StudentScope.PROFILE_READ,
                StudentScope.CONTACT_READ, StudentScope.CONTACT_WRITE}) {
            optional.add(scope.scopeName());
        }
        return client;
    }

    /** The library: an internal service that reads profiles of every unit for itself. */
    private ObjectNode libraryApp() {
        ObjectNode client = confidential("library-app", "Library", ClientTrust.INTERNAL, "library-services",
                "library-app-secret");
        ((ObjectNode) client.get("attributes")).put(AccessContext.CLIENT_UNITS_ATTRIBUTE, "*");
        ((ArrayNode) client.get("defaultClientScopes")).add("student.profile.read");
        return client;
    }

    /** An outside body: gets nothing without an approved access grant. */
    private ObjectNode statisticsBureau() {
        ObjectNode client = confidential("city-statistics-bureau", "City statistics bureau", ClientTrust.EXTERNAL,
                "statistics", "city-statistics-bureau-secret");
        client.putArray("optionalClientScopes").add("student.profile.read");
        return client;
    }

    private ObjectNode confidential(String clientId, String name, ClientTrust trust, String purposes, String secret) {
        ObjectNode client = client(clientId, name, trust, purposes);
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-secret");
        client.put("secret", secret);
        client.put("standardFlowEnabled", false);
        client.put("serviceAccountsEnabled", true);
        return client;
    }

    private ObjectNode client(String clientId, String name, ClientTrust trust, String purposes) {
        ObjectNode client = json.createObjectNode();
        client.put("clientId", clientId);
        client.put("name", name);
        client.put("enabled", true);
        client.put("protocol", "openid-connect");
        client.put("directAccessGrantsEnabled", false);
        client.put("implicitFlowEnabled", false);
        client.put("consentRequired", trust == ClientTrust.EXTERNAL);
        ObjectNode attributes = client.putObject("attributes");
        attributes.put(ClientTrust.ATTRIBUTE, trust.name().toLowerCase(java.util.Locale.ROOT));
        attributes.put(AccessContext.CLIENT_PURPOSES_ATTRIBUTE, purposes);
        ArrayNode defaults = client.putArray("defaultClientScopes");
        BASIC_SCOPES.forEach(defaults::add);
        return client;
    }

    private ObjectNode user(Person person, Random salts) {
        ObjectNode user = json.createObjectNode();
        user.put("id", person.id());
        user.put("username", person.username());
        user.put("enabled", true);
        user.put("emailVerified", true);
        user.put("firstName", person.firstName());
        user.put("lastName", person.lastName());
        user.put("email", person.email());
        DemoPasswordHash.Stored password = DemoPasswordHash.hash(person.username(), salts);
        ObjectNode credential = user.putArray("credentials").addObject();
        credential.put("type", "password");
        credential.put("secretData", password.secretData());
        credential.put("credentialData", password.credentialData());
        user.putArray("realmRoles").add("default-roles-" + REALM).add(person.role());
        if (!person.units().isEmpty()) {
            // Staff work with the records of their units: they are members of the units' groups.
            ArrayNode groups = user.putArray("groups");
            person.units().forEach(unit -> groups.add("/" + UNITS_ROOT + "/" + unit));
        }
        return user;
    }
}
