package edu.studentrecords.keycloak.bootstrap;

import edu.studentrecords.keycloak.auth.UnitGroups;
import edu.studentrecords.keycloak.centre.CentrePages;
import edu.studentrecords.keycloak.login.RecordVerificationActionFactory;
import edu.studentrecords.keycloak.login.StudentClaimsMapper;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.Purpose;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.StudentScope;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.AudienceProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;

/**
 * Puts what the extension relies on into a realm: the client scopes with their audience mappers and consent texts,
 * the realm roles, the realm attributes with their defaults, and the {@code account-console} client as an internal
 * client with {@code student.self}. Idempotent: it only adds what is missing and never overwrites what an
 * administrator changed.
 */
public final class RealmBootstrap {

    /** The audience every student-records scope adds, and the only one the API accepts. */
    public static final String AUDIENCE = "student-records";
    public static final String PURPOSES_ATTRIBUTE = "student-records.purposes";
    public static final String DEFAULT_PURPOSES = Purpose.defaultList();
    /**
     * The purposes each role may declare, as a realm attribute per role ({@code student-records.purposes.<role>});
     * a role without one is limited only by its client's purposes.
     */
    public static final String ROLE_PURPOSES_ATTRIBUTE_PREFIX = "student-records.purposes.";
    /** Teachers teach and look after students; the centre administers. */
    static final Map<RealmRole, String> DEFAULT_ROLE_PURPOSES = Map.of(
            RealmRole.STAFF, Purpose.TEACHING.code() + "," + Purpose.STUDENT_SERVICES.code(),
            RealmRole.ADMIN, Purpose.ADMINISTRATION.code());
    /**
     * Set when a realm got the roles' default purposes: from then on a role without a list was left out on purpose
     * (by the centre's settings, say) and keeps being limited only by its clients, across restarts.
     */
    static final String ROLE_PURPOSES_DEFAULTS_ATTRIBUTE = "student-records.purposes-by-role.defaults-applied";
    public static final String VERIFICATION_PERIOD_ATTRIBUTE = "student-records.verification-period-days";
    public static final String DEFAULT_VERIFICATION_PERIOD = "180";
    public static final String ACCOUNT_CONSOLE = "account-console";
    static final String AUDIENCE_MAPPER_NAME = "student-records audience";
    static final String CLAIMS_MAPPER_NAME = "student number and enrolment status";

    static final String CENTRE_NAME = "Information management centre";
    static final String CENTRE_PURPOSES_ATTRIBUTE = "student-records.purposes";
    static final String CENTRE_PURPOSE = Purpose.ADMINISTRATION.code();
    /**
     * The optional scopes of the centre's client: administration, audit and purge, searching records (the Records
     * page finds students by name and number), and reading and changing the two groups a correction may touch (a
     * review reads them, an approval writes them).
     */
    static final Set<String> CENTRE_SCOPES = Stream.of(StudentScope.ADMIN, StudentScope.AUDIT, StudentScope.PURGE,
            StudentScope.SEARCH, StudentScope.PROFILE_READ, StudentScope.PROFILE_WRITE, StudentScope.IDENTITY_READ,
            StudentScope.IDENTITY_WRITE).map(StudentScope::scopeName).collect(Collectors.toUnmodifiableSet());

    private static final Logger LOG = Logger.getLogger(RealmBootstrap.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    RealmBootstrap(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Adds whatever is missing. */
    void apply() {
        Map<String, String> english = new HashMap<>();
        Map<String, String> chinese = new HashMap<>();
        for (RealmRole role : RealmRole.values()) {
            if (realm.getRole(role.roleName()) == null) {
                realm.addRole(role.roleName());
            }
        }
        for (StudentScope scope : StudentScope.values()) {
            ClientScopeModel model = clientScope(scope);
            ensureAudienceMapper(model);
            ensureRoleScopeMappings(model, scope);
            if (StudentClaimsMapper.SCOPES.contains(scope.scopeName())) {
                ensureClaimsMapper(model);
            }
            english.put(scope.consentKey(), scope.consentEnglish());
            chinese.put(scope.consentKey(), scope.consentChinese());
        }
        addMissingTexts("en", english);
        addMissingTexts("zh-CN", chinese);
        setIfAbsent(PURPOSES_ATTRIBUTE, DEFAULT_PURPOSES);
        applyRolePurposeDefaults(realm);
        setIfAbsent(UnitGroups.ROOT_ATTRIBUTE, UnitGroups.DEFAULT_ROOT);
        ensureUnitRoot();
        setIfAbsent(VERIFICATION_PERIOD_ATTRIBUTE, DEFAULT_VERIFICATION_PERIOD);
        markAccountConsole();
        addCentreClient();
        registerVerificationAction();
        LOG.debugf("Student records bootstrap applied to realm %s", realm.getName());
    }

    private ClientScopeModel clientScope(StudentScope scope) {
        Optional<ClientScopeModel> existing = realm.getClientScopesStream()
                .filter(s -> scope.scopeName().equals(s.getName())).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        ClientScopeModel created = realm.addClientScope(scope.scopeName());
        created.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        created.setDescription(scope.description());
        created.setIncludeInTokenScope(true);
        created.setDisplayOnConsentScreen(true);
        created.setConsentScreenText("${" + scope.consentKey() + "}");
        return created;
    }

    /**
     * Only holders of the roles that may use a scope get it in a token: Keycloak leaves a client scope with role scope
     * mappings out of the token of a user who holds none of them, so a client asking for more still gets a token,
     * without what its user could not use. Added once; an administrator's later changes stay.
     */
    private void ensureRoleScopeMappings(ClientScopeModel model, StudentScope scope) {
        if (model.getScopeMappingsStream().findAny().isPresent()) {
            return;
        }
        scope.roles().forEach(role -> model.addScopeMapping(realm.getRole(role.roleName())));
    }

    /** The root group of the realm's units, so that the centre has somewhere to put them. */
    private void ensureUnitRoot() {
        String root = UnitGroups.of(realm).root();
        if (KeycloakModelUtils.findGroupByPath(session, realm, "/" + root) == null) {
            realm.createGroup(root);
        }
    }

    private static void ensureAudienceMapper(ClientScopeModel scope) {
        boolean present = scope.getProtocolMappersStream().anyMatch(m -> AudienceProtocolMapper.PROVIDER_ID
                .equals(m.getProtocolMapper()) && AUDIENCE.equals(m.getConfig().get(AudienceProtocolMapper.INCLUDED_CUSTOM_AUDIENCE)));
        if (present || scope.getProtocolMapperByName(OIDCLoginProtocol.LOGIN_PROTOCOL, AUDIENCE_MAPPER_NAME) != null) {
            return;
        }
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(AUDIENCE_MAPPER_NAME);
        mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        mapper.setProtocolMapper(AudienceProtocolMapper.PROVIDER_ID);
        Map<String, String> config = new HashMap<>();
        config.put(AudienceProtocolMapper.INCLUDED_CUSTOM_AUDIENCE, AUDIENCE);
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "false");
        // Introspection answers for the access token, so it carries the same audience.
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true");
        mapper.setConfig(config);
        scope.addProtocolMapper(mapper);
    }

    /** Both scopes that allow the claims carry the mapper; it reads the record once per token however many do. */
    private static void ensureClaimsMapper(ClientScopeModel scope) {
        boolean present = scope.getProtocolMappersStream().anyMatch(m -> StudentClaimsMapper.ID.equals(m.getProtocolMapper()));
        if (present || scope.getProtocolMapperByName(OIDCLoginProtocol.LOGIN_PROTOCOL, CLAIMS_MAPPER_NAME) != null) {
            return;
        }
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(CLAIMS_MAPPER_NAME);
        mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        mapper.setProtocolMapper(StudentClaimsMapper.ID);
        Map<String, String> config = new HashMap<>();
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true");
        mapper.setConfig(config);
        scope.addProtocolMapper(mapper);
    }

    /** The periodic verification, enabled, after the realm's other actions; an administrator may switch it off. */
    private void registerVerificationAction() {
        if (realm.getRequiredActionProviderByAlias(RecordVerificationActionFactory.ID) != null) {
            return;
        }
        int last = realm.getRequiredActionProvidersStream().mapToInt(RequiredActionProviderModel::getPriority).max()
                .orElse(0);
        RequiredActionProviderModel action = new RequiredActionProviderModel();
        action.setAlias(RecordVerificationActionFactory.ID);
        action.setProviderId(RecordVerificationActionFactory.ID);
        action.setName(RecordVerificationActionFactory.DISPLAY_TEXT);
        action.setEnabled(true);
        action.setDefaultAction(false);
        action.setPriority(last + 10);
        realm.addRequiredActionProvider(action);
    }

    private void addMissingTexts(String locale, Map<String, String> texts) {
        Map<String, String> existing = realm.getRealmLocalizationTextsByLocale(locale);
        Map<String, String> missing = new HashMap<>();
        texts.forEach((key, text) -> {
            if (existing == null || !existing.containsKey(key)) {
                missing.put(key, text);
            }
        });
        if (!missing.isEmpty()) {
            realm.createOrUpdateRealmLocalizationTexts(locale, missing);
        }
    }

    /**
     * Gives the roles their default purposes once per realm (where a role has no list yet), and notes that it did: a
     * list the centre removed later is not put back at the next start.
     */
    static void applyRolePurposeDefaults(RealmModel realm) {
        if (realm.getAttribute(ROLE_PURPOSES_DEFAULTS_ATTRIBUTE) != null) {
            return;
        }
        DEFAULT_ROLE_PURPOSES.forEach((role, purposes) -> {
            String attribute = ROLE_PURPOSES_ATTRIBUTE_PREFIX + role.roleName();
            if (realm.getAttribute(attribute) == null) {
                realm.setAttribute(attribute, purposes);
            }
        });
        realm.setAttribute(ROLE_PURPOSES_DEFAULTS_ATTRIBUTE, "true");
    }

    private void setIfAbsent(String attribute, String value) {
        if (realm.getAttribute(attribute) == null) {
            realm.setAttribute(attribute, value);
        }
    }

    /**
     * The public PKCE client of the centre's screens, internal, for the purpose administration, with the scopes of
     * {@link #CENTRE_SCOPES} as optional scopes (each user gets what their roles allow: the API checks roles and
     * scopes together). Its home URL is the centre, so the admin console's client list links to it. Created once;
     * an administrator's later changes stay.
     */
    private void addCentreClient() {
        ClientModel existing = realm.getClientByClientId(CentrePages.CLIENT_ID);
        if (existing != null) {
            addMissingCentreScopes(existing);
            return;
        }
        String centre = "/realms/" + realm.getName() + "/" + AUDIENCE + "/" + CentrePages.PATH + "/";
        ClientModel client = realm.addClient(CentrePages.CLIENT_ID);
        client.setName(CENTRE_NAME);
        client.setDescription("The information management centre's screens: grants, corrections, misuse reports, "
                + "settings, retention, backups and the self-check.");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setConsentRequired(false);
        client.setFullScopeAllowed(true);
        // Relative to the server's own address, as Keycloak's account console is: right behind any hostname.
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(centre);
        client.setRedirectUris(Set.of(centre + "*"));
        client.setWebOrigins(Set.of("+"));
        client.setAttribute("pkce.code.challenge.method", "S256");
        client.setAttribute("post.logout.redirect.uris", "+");
        client.setAttribute(ClientTrust.ATTRIBUTE, "internal");
        client.setAttribute(CENTRE_PURPOSES_ATTRIBUTE, CENTRE_PURPOSE);
        realm.getDefaultClientScopesStream(true).forEach(scope -> client.addClientScope(scope, true));
        realm.getDefaultClientScopesStream(false).forEach(scope -> client.addClientScope(scope, false));
        addMissingCentreScopes(client);
    }

    /** A scope the centre needs and its client lacks is added as optional; one an administrator made default stays. */
    private void addMissingCentreScopes(ClientModel client) {
        realm.getClientScopesStream().filter(s -> CENTRE_SCOPES.contains(s.getName()))
                .filter(s -> !client.getClientScopes(true).containsKey(s.getName())
                        && !client.getClientScopes(false).containsKey(s.getName()))
                .toList()
                .forEach(scope -> client.addClientScope(scope, false));
    }

    private void markAccountConsole() {
        ClientModel console = realm.getClientByClientId(ACCOUNT_CONSOLE);
        if (console == null) {
            return;
        }
        if (console.getAttribute(ClientTrust.ATTRIBUTE) == null) {
            console.setAttribute(ClientTrust.ATTRIBUTE, "internal");
        }
        // A student's own record and a guardian's children: a token carries each only for the role that may use it.
        Set<String> consoleScopes = Set.of(StudentScope.SELF.scopeName(), StudentScope.GUARDIAN.scopeName());
        realm.getClientScopesStream().filter(s -> consoleScopes.contains(s.getName())).toList().forEach(scope -> {
            boolean assigned = console.getClientScopes(true).containsKey(scope.getName())
                    || console.getClientScopes(false).containsKey(scope.getName());
            if (!assigned) {
                console.addClientScope(scope, true);
            }
        });
    }
}
