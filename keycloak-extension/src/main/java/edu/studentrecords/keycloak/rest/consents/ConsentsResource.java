package edu.studentrecords.keycloak.rest.consents;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.CollectionResource;
import edu.studentrecords.keycloak.rest.RequestPipeline;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.settings.ConsentPurposesSetting;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.consent.ConsentPurpose;
import edu.studentrecords.store.consent.ConsentStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /consents?purpose=&status=}: the centre reads the consent ledger (duty {@code READ_CONSENTS}): every student's
 * consent with its history, for one purpose or all, optionally only {@code GIVEN} or {@code WITHDRAWN}.
 */
public final class ConsentsResource extends CollectionResource {

    public ConsentsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** The ledger. */
    @GET
    public Response ledger(@QueryParam("purpose") String purpose, @QueryParam("status") String status) {
        return pipeline.run(AuditOperation.CONSENT_LEDGER, request -> {
            ConsentStatus wanted = status(status);
            List<ConsentPurpose> purposes = ConsentPurposesSetting.of(request.realm()).stream()
                    .filter(p -> purpose == null || purpose.isBlank() || p.id().equals(purpose)).toList();
            return json(Response.ok(), new ConsentRepresentation.Listing(request.store().consents()
                    .ledger(request.access(), purposes, wanted).stream().map(ConsentRepresentation::inLedger).toList()));
        });
    }

    /** The ledger holds the students with a history for a purpose: its lines are given or withdrawn, never none. */
    private static ConsentStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Arrays.stream(ConsentStatus.values()).filter(s -> s != ConsentStatus.NONE && s.name().equals(text))
                .findFirst().orElseThrow(() -> new BadRequest(ProblemType.MALFORMED_REQUEST, "bad.consent-status"));
    }
}
