package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.rest.representation.RealmSettingsRepresentation;
import edu.studentrecords.keycloak.settings.RealmSettings;
import edu.studentrecords.store.access.Duty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.models.RealmModel;

/**
 * The realm's student-records settings at {@code /settings}, for administrators ({@link Duty#MANAGE_SETTINGS}): read
 * them, or replace them as a whole (422 naming every broken field; nothing written then). Each call is decided and
 * audited once ({@code READ_SETTINGS}, {@code UPDATE_SETTINGS}).
 *
 * <p>It answers the preflight of {@code /settings} itself only: there is nothing below it.
 */
public final class SettingsResource {

    static final String READ_SETTINGS = "READ_SETTINGS";
    static final String UPDATE_SETTINGS = "UPDATE_SETTINGS";

    private final RequestPipeline pipeline;

    SettingsResource(RequestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Preflight of {@code /settings}. */
    @OPTIONS
    public Response preflight() {
        return pipeline.preflight();
    }

    /** The settings as they apply now. */
    @GET
    public Response read() {
        return pipeline.run(request -> {
            request.store().duties().require(request.access(), Duty.MANAGE_SETTINGS, READ_SETTINGS);
            return json(Response.ok(), RealmSettings.read(request.realm()));
        });
    }

    /** Replaces the settings; answers them as they now apply. */
    @PUT
    public Response replace(String body) {
        return pipeline.run(request -> {
            RealmSettingsRepresentation settings = request.readJson(body, RealmSettingsRepresentation.class);
            request.store().duties().require(request.access(), Duty.MANAGE_SETTINGS, UPDATE_SETTINGS);
            List<Problem.Error> errors = RealmSettings.errors(settings);
            if (!errors.isEmpty()) {
                ProblemType type = ProblemType.VALIDATION;
                return new Problem(type.uri(), "Invalid settings", type.status(),
                        errors.size() + " field(s) break a rule; nothing was written.", null, errors).toResponse();
            }
            RealmModel realm = request.realm();
            RealmSettings.write(realm, settings);
            return json(Response.ok(), RealmSettings.read(realm));
        });
    }
}
