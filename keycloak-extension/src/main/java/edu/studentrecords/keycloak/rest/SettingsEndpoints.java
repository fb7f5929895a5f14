package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.StudentRecordsResource.json;
import static edu.studentrecords.keycloak.rest.StudentRecordsResource.requireBody;

import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.keycloak.rest.representation.RealmSettingsRepresentation;
import edu.studentrecords.keycloak.settings.RealmSettings;
import edu.studentrecords.store.access.Duty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's student-records settings at {@code /settings}, for administrators ({@link Duty#MANAGE_SETTINGS}): read
 * them, or replace them as a whole (422 naming every broken field; nothing written then). Each call is decided and
 * audited once ({@code READ_SETTINGS}, {@code UPDATE_SETTINGS}).
 */
public final class SettingsEndpoints {

    static final String READ_SETTINGS = "READ_SETTINGS";
    static final String UPDATE_SETTINGS = "UPDATE_SETTINGS";

    private final StudentRecordsResource api;
    private final KeycloakSession session;

    SettingsEndpoints(StudentRecordsResource api, KeycloakSession session) {
        this.api = api;
        this.session = session;
    }

    /** Preflight of {@code /settings}. */
    @OPTIONS
    public Response preflight() {
        return CorsPolicy.preflight(session);
    }

    /** The settings as they apply now. */
    @GET
    public Response read() {
        return api.handle(false, caller -> {
            api.store().duties().require(caller.context(), Duty.MANAGE_SETTINGS, READ_SETTINGS);
            return json(Response.ok(), RealmSettings.read(session.getContext().getRealm()));
        });
    }

    /** Replaces the settings; answers them as they now apply. */
    @PUT
    public Response replace(String body) {
        return api.handle(false, caller -> {
            api.requireJson(MediaType.APPLICATION_JSON);
            RealmSettingsRepresentation settings = JsonBodies.read(requireBody(body), RealmSettingsRepresentation.class);
            api.store().duties().require(caller.context(), Duty.MANAGE_SETTINGS, UPDATE_SETTINGS);
            List<Problem.Error> errors = RealmSettings.errors(settings);
            if (!errors.isEmpty()) {
                ProblemType type = ProblemType.VALIDATION;
                return StudentRecordsResource.problem(new Problem(type.uri(), "Invalid settings", type.status(),
                        errors.size() + " field(s) break a rule; nothing was written.", null, errors));
            }
            RealmModel realm = session.getContext().getRealm();
            RealmSettings.write(realm, settings);
            return json(Response.ok(), RealmSettings.read(realm));
        });
    }
}
