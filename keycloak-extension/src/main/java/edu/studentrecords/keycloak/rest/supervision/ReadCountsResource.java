package edu.studentrecords.keycloak.rest.supervision;

import static edu.studentrecords.keycloak.rest.RequestParameters.oneOf;
import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.CollectionResource;
import edu.studentrecords.keycloak.rest.RequestParameters;
import edu.studentrecords.keycloak.rest.RequestPipeline;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.ReadCounts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /audit/stats?from=&to=&by=client|purpose&bucket=hour|day}: how often records were read (read, search,
 * export, history) in a window, per client or purpose and per hour or day (UTC), for supervisors and administrators
 * (student.audit). The window is bounded (7 days by the hour, 92 by the day); the store decides and audits the call.
 */
public final class ReadCountsResource extends CollectionResource {

    public ReadCountsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** The counts, one series per client (or purpose) that read in the window, the most reads first. */
    @GET
    public Response counts(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("by") String by, @QueryParam("bucket") String bucket) {
        return pipeline.run(AuditOperation.AUDIT_STATS, request -> {
            RequestParameters.Window window = RequestParameters.Window.of(from, to);
            if (!window.closed()) {
                throw new BadRequest("bad.window-missing");
            }
            Instant start = window.from();
            Instant end = window.to();
            ReadCounts.By counted = oneOf("by", by, ReadCounts.By.class, ReadCounts.By.CLIENT);
            ReadCounts.Bucket width = oneOf("bucket", bucket, ReadCounts.Bucket.class, ReadCounts.Bucket.DAY);
            if (Duration.between(start, end).compareTo(width.longestWindow()) > 0) {
                throw new BadRequest(width == ReadCounts.Bucket.HOUR ? "bad.window-too-long.hour" : "bad.window-too-long.day",
                        width.longestWindow().toDays());
            }
            return json(Response.ok(), view(request.store().auditReview().readCounts(request.access(), start, end,
                    counted, width)));
        });
    }

    private static Map<String, Object> view(ReadCounts counts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", counts.from().toString());
        body.put("to", counts.to().toString());
        body.put("by", counts.by().word());
        body.put("bucket", counts.bucket().word());
        body.put("operations", ReadCounts.READS.stream().sorted().toList());
        body.put("buckets", counts.buckets().stream().map(Instant::toString).toList());
        body.put("series", counts.series().stream().map(s -> {
            Map<String, Object> series = new LinkedHashMap<>();
            series.put("key", s.key());
            series.put("counts", s.counts());
            series.put("total", s.total());
            series.put("refused", s.refused());
            return series;
        }).toList());
        body.put("entriesScanned", counts.scanned());
        return body;
    }
}
