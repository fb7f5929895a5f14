package edu.studentrecords.keycloak.rest.guardians;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.mail.GuardianInvitationMail;
import edu.studentrecords.keycloak.rest.CollectionResource;
import edu.studentrecords.keycloak.rest.RequestPipeline;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.guardians.IssuedInvitation;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /records/{id}/guardian-invitations}: the centre invites the guardian of one guardian entry of a minor's record
 * by email (a one-time link, valid 7 days); the guardian accepts it signed in ({@code POST /guardian/invitations}).
 */
public final class GuardianInvitationsResource extends CollectionResource {

    /** How long an invitation can be accepted. */
    static final Duration VALIDITY = Duration.ofDays(7);

    private final String recordId;

    public GuardianInvitationsResource(RequestPipeline pipeline, String recordId) {
        super(pipeline);
        this.recordId = recordId;
    }

    /** The body of the call. */
    public record Request(Integer guardianIndex, String email) {
        @Override
        public String toString() {
            return "Request[guardianIndex=" + guardianIndex + "]";
        }
    }

    /** Invites {@code {"guardianIndex","email"}}: 201 with {@code {"id","recordId","guardianIndex","expiresAt"}}. */
    @POST
    public Response invite(InputStream body) {
        return pipeline.run(AuditOperation.GUARDIAN_INVITE, request -> {
            Request asked = request.readJson(body, Request.class);
            int index = asked.guardianIndex() == null ? -1 : asked.guardianIndex();
            Instant expiresAt = request.now().plus(VALIDITY);
            IssuedInvitation issued = request.store().guardians().invite(request.access(), recordId, index,
                    asked.email(), expiresAt);
            GuardianInvitationMail.afterCommit(request.session(),
                    request.session().getContext().getUri().getBaseUri(), asked.email().strip(), issued.token());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", issued.id());
            answer.put("recordId", issued.recordId());
            answer.put("guardianIndex", index);
            answer.put("expiresAt", issued.expiresAt());
            return json(Response.status(Response.Status.CREATED), answer);
        });
    }
}
