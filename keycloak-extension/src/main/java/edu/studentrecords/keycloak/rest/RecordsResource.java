package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.mail.RecipientMail;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.guardians.GuardianInvitationsResource;
import edu.studentrecords.keycloak.rest.guardians.GuardianLinksResource;
import edu.studentrecords.keycloak.rest.representation.EnrolmentRepresentation;
import edu.studentrecords.keycloak.rest.representation.HistoryRepresentation;
import edu.studentrecords.keycloak.rest.representation.ImportFileRepresentation;
import edu.studentrecords.keycloak.rest.representation.ImportReportRepresentation;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * {@code /records}: enrol a student, look a record up by student number, read one with only the groups the caller may
 * read ({@code ETag} is its version), change one with a JSON merge patch ({@code If-Match} required), its history; and
 * the collections of one record: its purge request, legal holds, archive and paper copies.
 */
public final class RecordsResource extends CollectionResource {

    RecordsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** One record, with only the groups the caller may read; {@code ETag} carries its version. */
    @GET
    @Path("{id}")
    public Response read(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.READ, request -> withRecord(Response.ok(), request.store().records().read(request.access(), id)));
    }

    /** The record's changes, newest first, with the values before and after of the groups the caller may read. */
    @GET
    @Path("{id}/history")
    public Response history(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.READ_HISTORY, request -> json(Response.ok(),
                HistoryRepresentation.of(request.store().records().history(request.access(), id))));
    }

    /** Looks a record up by student number. */
    @GET
    public Response findByStudentNumber(@QueryParam("studentNumber") String studentNumber) {
        return pipeline.run(AuditOperation.READ, request -> {
            if (studentNumber == null || studentNumber.isBlank()) {
                throw new BadRequest("bad.student-number");
            }
            return withRecord(Response.ok(), request.store().records().findByStudentNumber(request.access(), studentNumber));
        });
    }

    /** Enrols a student: 201 with {@code Location}. */
    @POST
    public Response create(InputStream body) {
        return pipeline.run(AuditOperation.CREATE, request -> {
            EnrolmentRepresentation enrolment = request.readJson(body, EnrolmentRepresentation.class);
            RecordView created = request.store().records().create(request.access(), enrolment.content(),
                    enrolment.ownerSubject());
            return withRecord(Response.created(request.locationBelow(created.id())), created);
        });
    }

    /**
     * Bulk enrolment from a CSV or NDJSON file ({@code POST /records:import}): 200 with a per-row report, also when
     * rows failed; 400 for a file that cannot be read, 413 beyond the size or row cap, 415 for another content type.
     */
    Response importRecords(InputStream body) {
        return pipeline.run(AuditOperation.CREATE, request -> {
            ImportFileRepresentation upload = ImportFileRepresentation.of(request.contentType());
            return json(Response.ok(), ImportReportRepresentation.of(
                    request.store().records().importRecords(request.access(), () -> upload.rows(body))));
        });
    }

    /** Applies a JSON merge patch to a record; {@code If-Match} is required. */
    @PATCH
    @Path("{id}")
    public Response update(@PathParam("id") String id, InputStream body) {
        return pipeline.run(AuditOperation.UPDATE, request -> {
            request.requireContentType(RequestParameters.MERGE_PATCH);
            long version = request.ifMatchVersion();
            String patch = request.readText(body, RequestParameters.MERGE_PATCH);
            RecordView updated = request.store().records().update(request.access(), id, version, patch);
            RecipientMail.afterCommit(request.session(), request.store().notices().ofChange(id, updated.version()));
            return withRecord(Response.ok(), updated);
        });
    }

    /** Asks for the record's destruction ({@link PurgeRequestsResource#file}). */
    @POST
    @Path("{id}/purge-requests")
    public Response requestPurge(@PathParam("id") String id, InputStream body) {
        return new PurgeRequestsResource(pipeline).file(id, body);
    }

    /** Legal holds placed on the record. */
    @Path("{id}/legal-holds")
    public RecordLegalHoldsResource legalHolds(@PathParam("id") String id) {
        return new RecordLegalHoldsResource(pipeline, id);
    }

    /** The record's guardian links (the centre). */
    @Path("{id}/guardian-links")
    public GuardianLinksResource guardianLinks(@PathParam("id") String id) {
        return new GuardianLinksResource(pipeline, id);
    }

    /** Invitations to the guardians of the record (the centre). */
    @Path("{id}/guardian-invitations")
    public GuardianInvitationsResource guardianInvitations(@PathParam("id") String id) {
        return new GuardianInvitationsResource(pipeline, id);
    }

    /** The record's sealed archive. */
    @Path("{id}/archive")
    public ArchiveResource archive(@PathParam("id") String id) {
        return new ArchiveResource(pipeline, id);
    }

    /** The record's paper copies. */
    @Path("{id}/paper-copies")
    public PaperCopiesResource paperCopies(@PathParam("id") String id) {
        return new PaperCopiesResource(pipeline, id);
    }

    /** A record as the answer's JSON body, its version as the {@code ETag}. */
    public static Response.ResponseBuilder withRecord(Response.ResponseBuilder builder, RecordView view) {
        return json(builder, view)
                .header(HttpHeaders.ETAG, RequestParameters.etag(view.version()));
    }
}
