package edu.studentrecords.keycloak;

import edu.studentrecords.store.retention.ArchiveNotFoundException;
import edu.studentrecords.store.retention.LegalHoldLiftedException;
import edu.studentrecords.store.retention.LegalHoldNotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * What the retention endpoints share: every call through the API's one {@code handle} (bearer token, CORS, problems,
 * the store's decision and audit entry), plus the problems of retention's own failures. A body is required as JSON.
 */
final class RetentionCalls {

    private final KeycloakSession session;
    private final StudentRecordsResource api;

    RetentionCalls(KeycloakSession session, StudentRecordsResource api) {
        this.session = session;
        this.api = api;
    }

    Response handle(StudentRecordsResource.Action action) {
        return api.handle(false, caller -> {
            try {
                return action.apply(caller);
            } catch (LegalHoldNotFoundException e) {
                return StudentRecordsResource.problem(Problem.of(ProblemType.NOT_FOUND, "No legal hold has this id."));
            } catch (LegalHoldLiftedException e) {
                return StudentRecordsResource.problem(Problem.of(ProblemType.CONFLICT, "The legal hold was lifted already."));
            } catch (ArchiveNotFoundException e) {
                return StudentRecordsResource.problem(Problem.of(ProblemType.NOT_FOUND, "The record has no archive."));
            }
        });
    }

    /** The body, after checking it is JSON and present; a 400 or 415 problem otherwise. */
    String jsonBody(String body) {
        MediaType type = session.getContext().getRequestHeaders().getMediaType();
        if (type == null || !(type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(MediaType.APPLICATION_JSON)) {
            throw new StudentRecordsResource.BadRequest(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
        if (body == null || body.isBlank()) {
            throw new StudentRecordsResource.BadRequest("The request needs a JSON body.");
        }
        return body;
    }

    static Response.ResponseBuilder json(Response.ResponseBuilder builder, Object body) {
        return StudentRecordsResource.json(builder, body);
    }
}
