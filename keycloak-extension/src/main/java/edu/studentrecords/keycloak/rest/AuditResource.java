package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.RequestParameters.DEFAULT_LOG_PAGE;
import static edu.studentrecords.keycloak.rest.RequestParameters.MAX_LOG_PAGE;
import static edu.studentrecords.keycloak.rest.RequestParameters.integer;
import static edu.studentrecords.keycloak.rest.RequestParameters.oneOf;
import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.audit.EpochView;
import edu.studentrecords.keycloak.audit.OutsideAnchors;
import edu.studentrecords.keycloak.audit.RealmAuditSigner;
import edu.studentrecords.keycloak.audit.VerificationView;
import edu.studentrecords.keycloak.rest.RequestParameters.Window;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.representation.AccessLogRepresentation;
import edu.studentrecords.keycloak.rest.supervision.ReadCountsResource;
import edu.studentrecords.keycloak.spi.AuditTrailOptions;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.audit.ExternalAnchor;
import edu.studentrecords.store.audit.SealedEpoch;
import edu.studentrecords.store.audit.TrailPage;
import edu.studentrecords.store.audit.TrailQuery;
import edu.studentrecords.store.audit.TrailVerification;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /audit}: the audit trail, a check of its hash chain, its sealed epochs and their exports (supervisors and
 * administrators, student.audit).
 */
public final class AuditResource extends CollectionResource {

    /** The longest window of an extract of one client's entries. */
    static final Duration MAX_CLIENT_WINDOW = Duration.ofDays(31);

    /** The longest client id or operation code a search of the trail takes. */
    private static final int CODE_LENGTH = 255;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._:-]{1," + CODE_LENGTH + "}");

    AuditResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /**
     * The audit trail for supervisors and administrators: a record's entries newest first ({@code record}), or the
     * whole trail oldest first from a sequence number ({@code fromSequence}, default 1).
     */
    @GET
    public Response entries(@QueryParam("record") String record, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("fromSequence") String fromSequence,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @QueryParam("client") String client, @QueryParam("operation") String operation,
            @QueryParam("decision") String decision) {
        return pipeline.run(AuditOperation.AUDIT_READ, request -> {
            int page = integer("limit", limit, DEFAULT_LOG_PAGE, 1, MAX_LOG_PAGE);
            if (record != null && !record.isBlank()) {
                if (client != null || operation != null || decision != null || fromSequence != null) {
                    // A filter the answer would not apply: a supervisor would take every entry for a match.
                    throw new BadRequest("bad.audit-record-filters");
                }
                int skip = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
                Window window = Window.of(from, to);
                List<AuditEntry> entries = request.store().auditReview().ofRecord(request.access(), record.strip(),
                        window.from(), window.to(), skip, page);
                return json(Response.ok(), AccessLogRepresentation.of(entries, skip, page));
            }
            long start = integer("fromSequence", fromSequence, 1, 1, Integer.MAX_VALUE);
            if (client == null && operation == null && decision == null && from == null && to == null) {
                List<AuditEntry> entries = request.store().auditReview().range(request.access(), start, page);
                return json(Response.ok(), AccessLogRepresentation.of(entries, 0, page));
            }
            Window window = Window.of(from, to);
            TrailQuery query = new TrailQuery(start, code("client", client), operationCode(operation),
                    decision == null ? null : oneOf("decision", decision, Decision.class, null),
                    window.from(), window.to(), page);
            TrailPage found = request.store().auditReview().search(request.access(), query);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("entries", AccessLogRepresentation.of(found.entries(), 0, page).entries());
            body.put("offset", 0);
            body.put("limit", page);
            body.put("nextSequence", found.nextSequence());
            body.put("scannedTo", found.scannedTo());
            return json(Response.ok(), body);
        });
    }

    /** An operation code to look for, in any case: null when absent, 400 when it cannot be one. */
    private static String operationCode(String value) {
        String code = code("operation", value);
        return code == null ? null : code.toUpperCase(Locale.ROOT);
    }

    /** A client id or an operation code to look for: null when absent, 400 when it cannot be one. */
    private static String code(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!CODE.matcher(value.strip()).matches()) {
            throw new BadRequest("bad.code", name, CODE_LENGTH);
        }
        return value.strip();
    }

    /**
     * Walks the audit trail's hash chain (all kept entries, or with {@code mode=incremental} those after the last
     * sealed checkpoint), checks the sealed checkpoints, and compares the chain with the anchors kept outside the
     * store; says whether all agree, and where not.
     */
    @GET
    @Path("verify")
    public Response verify(@QueryParam("mode") String mode) {
        return pipeline.run(AuditOperation.AUDIT_VERIFY, request -> {
            boolean incremental = incremental(mode);
            List<ExternalAnchor> anchors = new OutsideAnchors(request.realm(), request.provider().auditOptions()).read();
            TrailVerification verification = request.store().auditReview().verify(request.access(), incremental,
                    anchors);
            return json(Response.ok(), VerificationView.of(verification));
        });
    }

    /**
     * A page of the sealed epochs, oldest first, with their signed checkpoints: {@code offset} epochs skipped (default
     * 0), at most {@code limit} (default 50, at most 1000), as the trail's other lists page.
     */
    @GET
    @Path("epochs")
    public Response epochs(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return pipeline.run(AuditOperation.AUDIT_EPOCHS, request -> {
            int skip = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
            int page = integer("limit", limit, DEFAULT_LOG_PAGE, 1, MAX_LOG_PAGE);
            return json(Response.ok(), EpochView.Page.of(request.store().auditReview().epochs(request.access(), skip,
                    page), skip, page));
        });
    }

    /**
     * Closes the open epoch at the chain's head and seals it (with any other epoch due), then anchors it outside; an
     * open epoch below both {@code audit-seal-min-entries} entries and {@code audit-seal-interval-seconds} of age is
     * left to the timer (409).
     */
    @POST
    @Path("epochs/seal")
    public Response seal() {
        return pipeline.run(AuditOperation.AUDIT_SEAL, request -> {
            AuditTrailOptions options = request.provider().auditOptions();
            List<SealedEpoch> sealed = request.store().auditReview().seal(request.access(), request.now(),
                    options.epochEntries(), options.sealMinEntries(), options.sealInterval(),
                    new RealmAuditSigner(request.session()));
            new OutsideAnchors(request.realm(), request.provider().auditOptions())
                    .record(request.store().auditEpochs());
            return json(Response.ok(), Map.of("sealed", sealed.stream().map(EpochView::of).toList()));
        });
    }

    /** A sealed epoch as a signed, gzip-compressed JSON Lines file (identifiers and codes only). */
    @GET
    @Path("epochs/{id}/export")
    public Response export(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.AUDIT_EXPORT, request -> {
            long epoch = epochId(id);
            java.nio.file.Path file = Files.createTempFile("audit-epoch-", ".jsonl.gz");
            try {
                request.store().auditReview().export(request.access(), epoch, new RealmAuditSigner(request.session()),
                        file);
            } catch (Exception e) {
                Files.deleteIfExists(file);
                throw e;
            }
            StreamingOutput body = out -> {
                try {
                    Files.copy(file, out);
                } finally {
                    Files.deleteIfExists(file);
                }
            };
            return Response.ok(body, "application/gzip").header("Content-Disposition",
                    "attachment; filename=\"audit-epoch-" + epoch + ".jsonl.gz\"");
        });
    }

    /**
     * A signed extract for a supervisor (a compact JWS to download): the entries about one record ({@code record}) or
     * made by one client ({@code client}, with {@code from} and {@code to}, at most 31 days), each checked against its
     * hash, with the signed checkpoints of their epochs.
     */
    @GET
    @Path("extract")
    public Response extract(@QueryParam("record") String record, @QueryParam("client") String client,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return pipeline.run(AuditOperation.AUDIT_EXTRACT, request -> {
            boolean byRecord = record != null && !record.isBlank();
            boolean byClient = client != null && !client.isBlank();
            if (byRecord == byClient) {
                throw new BadRequest("bad.extract-one");
            }
            Window window = Window.of(from, to);
            Instant start = window.from();
            Instant end = window.to();
            if (byClient && !window.closed()) {
                throw new BadRequest("bad.extract-window");
            }
            if (byClient && Duration.between(start, end).compareTo(MAX_CLIENT_WINDOW) > 0) {
                throw new BadRequest("bad.extract-days");
            }
            String extract = request.store().auditReview().extract(request.access(), byRecord ? record.strip() : null,
                    byClient ? client.strip() : null, start, end, new RealmAuditSigner(request.session()));
            return Response.ok(extract, "application/jose").header("Content-Disposition",
                    "attachment; filename=\"audit-extract.jws\"");
        });
    }

    /** The reads of records counted per client or purpose over time. */
    @Path("stats")
    public ReadCountsResource stats() {
        return new ReadCountsResource(pipeline);
    }

    static boolean incremental(String mode) {
        if (mode == null || mode.isBlank() || mode.equals("full")) {
            return false;
        }
        if (mode.equals("incremental")) {
            return true;
        }
        throw new BadRequest("bad.verify-mode");
    }

    static long epochId(String id) {
        if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
            throw new BadRequest("bad.epoch-id");
        }
        return Long.parseLong(id);
    }
}
