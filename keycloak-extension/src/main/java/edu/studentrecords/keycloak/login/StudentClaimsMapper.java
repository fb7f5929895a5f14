package edu.studentrecords.keycloak.login;

import edu.studentrecords.keycloak.auth.SignedInStudent;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.StudentScope;
import edu.studentrecords.store.model.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * Adds {@code student_number} and {@code enrolment_status} from the signed-in student's own record to a token, and
 * only when the token's scopes include {@code student.profile.read} or {@code student.self}.
 *
 * <p>How it reads: the claims are the token subject's own data going to a client the subject signed in to, so the
 * record is read as the student's self service ({@link SignedInStudent}) through the store's one access decision:
 * nothing for a user who is not a student or has no record, nothing for an external client, and each token that
 * carries the claims is one {@code TOKEN_CLAIMS} entry (profile group) on the student's access log. The access
 * token and the ID token of one token response share one read. A store that cannot answer leaves the claims out
 * rather than failing the token: the claims are a convenience, the API stays the source of truth. Nothing about
 * the person is logged.
 */
public final class StudentClaimsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    /** The provider id. */
    public static final String ID = "student-records-claims";
    static final String STUDENT_NUMBER = "student_number";
    static final String ENROLMENT_STATUS = "enrolment_status";
    /** The scopes that let a token carry the claims. */
    public static final Set<String> SCOPES = Set.of(StudentScope.SELF.scopeName(), StudentScope.PROFILE_READ.scopeName());

    private static final String CACHED = StudentClaimsMapper.class.getName();
    private static final Logger LOG = Logger.getLogger(StudentClaimsMapper.class);
    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, StudentClaimsMapper.class);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Student number and enrolment status";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds student_number and enrolment_status from the signed-in student's own record, only when the "
                + "token's scopes include student.profile.read or student.self.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSession) {
        claims(session, userSession, clientSession).ifPresent(profile -> {
            Map<String, Object> other = token.getOtherClaims();
            other.put(STUDENT_NUMBER, profile.studentNumber());
            other.put(ENROLMENT_STATUS, profile.status().name());
        });
    }

    /** The profile for this token response, read at most once per request. */
    private static Optional<Profile> claims(KeycloakSession session, UserSessionModel userSession,
            ClientSessionContext clientSession) {
        // The stream holds the client itself too, whose name may be null; Set.of refuses to look a null up.
        boolean asked = clientSession.getClientScopesStream().map(ClientScopeModel::getName)
                .anyMatch(name -> name != null && SCOPES.contains(name));
        if (!asked || userSession == null || userSession.getUser() == null) {
            return Optional.empty();
        }
        // Remembered for the request, not only the client session context: a refresh builds more than one context.
        ClientModel client = clientSession.getClientSession().getClient();
        String key = CACHED + ":" + userSession.getId() + ":" + client.getId();
        Claims cached = session.getAttribute(key, Claims.class);
        if (cached != null) {
            return cached.profile();
        }
        Optional<Profile> profile = read(session, userSession, client);
        session.setAttribute(key, new Claims(profile));
        return profile;
    }

    private static Optional<Profile> read(KeycloakSession session, UserSessionModel userSession, ClientModel client) {
        SignedInStudent student = new SignedInStudent(userSession.getRealm(), userSession.getUser(), client,
                SignedInStudent.impersonatorOf(userSession));
        if (!student.isStudent()) {
            return Optional.empty();
        }
        try {
            RecordView view = session.getProvider(StudentRecordsProvider.class).store(userSession.getRealm())
                    .self().profileForToken(student.context());
            return Optional.ofNullable(view.profile());
        } catch (RuntimeException e) {
            if (StoreException.refusedOrMissing(e)) {
                return Optional.empty();
            } else {
                LOG.warnf("Student claims left out of a token of realm %s: %s", userSession.getRealm().getName(),
                        e.getClass().getSimpleName());
                return Optional.empty();
            }
        }
    }

    /** What one token response's claims were, remembered so its access and ID tokens read the record once. */
    private record Claims(Optional<Profile> profile) {
    }
}
