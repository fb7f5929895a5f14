package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.SearchResultRepresentation;
import edu.studentrecords.keycloak.spi.StudentRecordsOptions;
import edu.studentrecords.search.SearchIndexCatchingUpException;
import edu.studentrecords.search.SearchResult;
import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /search}: the records the caller may see, by name (characters or pinyin) or student number. */
public final class SearchResource extends CollectionResource {

    SearchResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /**
     * Searches the records the caller may see by name (characters or pinyin) or student number, within units and
     * statuses; one page of hits (id and profile), the exact total and facets. The store decides and audits the
     * search (one entry naming the ids returned) and re-checks every hit, the total and the facets on the stored
     * records. 503 {@code search-catching-up} with {@code Retry-After} until the index has caught up with the store.
     */
    @GET
    public Response search(@QueryParam("q") String q, @QueryParam("unit") List<String> units,
            @QueryParam("status") List<String> statuses, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return pipeline.run(AuditOperation.SEARCH, request -> {
            SearchRequest search = SearchRequest.of(q, units, statuses, page, size,
                    StudentRecordsOptions.MAX_SEARCH_WINDOW);
            StudentSearchIndex index = request.index();
            SearchResult result;
            try {
                result = request.store().records().search(request.access(),
                        index.searching(search.query(), search.offset()));
            } catch (StoreException e) {
                if (!e.is(StoreException.Kind.UNAVAILABLE)) {
                    throw e;
                }
                // Further behind the store than a search re-checks: the same as catching up after a start.
                throw new SearchIndexCatchingUpException(index.retryAfter());
            }
            return json(Response.ok(), SearchResultRepresentation.of(result, search.page(), search.size()));
        });
    }
}
