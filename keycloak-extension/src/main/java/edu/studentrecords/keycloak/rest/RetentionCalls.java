package edu.studentrecords.keycloak.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What the retention endpoints share: every call through the API's one {@code handle} (bearer token, CORS, problems,
 * the store's decision and audit entry). A body is required as JSON.
 */
final class RetentionCalls {

    private final StudentRecordsResource api;

    RetentionCalls(StudentRecordsResource api) {
        this.api = api;
    }

    Response handle(StudentRecordsResource.Action action) {
        return api.handle(false, action);
    }

    /** The body, after checking it is JSON and present; a 400 or 415 problem otherwise. */
    String jsonBody(String body) {
        api.requireJson(MediaType.APPLICATION_JSON);
        return StudentRecordsResource.requireBody(body);
    }

    static Response.ResponseBuilder json(Response.ResponseBuilder builder, Object body) {
        return StudentRecordsResource.json(builder, body);
    }
}
