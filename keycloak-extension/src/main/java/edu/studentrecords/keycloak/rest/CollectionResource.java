package edu.studentrecords.keycloak.rest;

import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * What the resource of every collection shares: the request's {@link RequestPipeline}, through which each endpoint
 * runs, and the answer to CORS preflights of the collection and every path below it. Public only because the server
 * calls the inherited {@link #preflight()} on the public resource classes.
 */
public abstract class CollectionResource {

    protected final RequestPipeline pipeline;

    protected CollectionResource(RequestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Preflight of the collection and every path below it. */
    @OPTIONS
    @Path("{any: .*}")
    public Response preflight() {
        return pipeline.preflight();
    }
}
