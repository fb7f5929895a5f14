package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.RealmSettingsRepresentation;
import edu.studentrecords.keycloak.settings.RealmSettingsSource;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * The realm's student-records settings at {@code /settings}, for administrators ({@link Duty#MANAGE_SETTINGS}): read
 * them, or replace them as a whole (422 naming every broken field; nothing written then). Each call is decided and
 * audited once ({@code READ_SETTINGS}, {@code UPDATE_SETTINGS}).
 *
 * <p>It answers the preflight of {@code /settings} itself only: there is nothing below it.
 */
public final class SettingsResource {

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
        return pipeline.run(AuditOperation.READ_SETTINGS, request -> json(Response.ok(),
                request.store().settings().read(request.access(), new RealmSettingsSource(request.realm()))));
    }

    /** Replaces the settings; answers them as they now apply. 422 naming every broken field, nothing written. */
    @PUT
    public Response replace(InputStream body) {
        return pipeline.run(AuditOperation.UPDATE_SETTINGS, request -> {
            RealmSettingsRepresentation settings = request.readJson(body, RealmSettingsRepresentation.class);
            return json(Response.ok(), request.store().settings().replace(request.access(),
                    new RealmSettingsSource(request.realm()), settings));
        });
    }
}
