package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.SearchResultRepresentation;
import edu.studentrecords.keycloak.spi.StudentRecordsOptions;
import edu.studentrecords.search.SearchHit;
import edu.studentrecords.search.SearchResult;
import edu.studentrecords.search.StudentSearchIndex;
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
     * search: one entry naming the ids returned.
     */
    @GET
    public Response search(@QueryParam("q") String q, @QueryParam("unit") List<String> units,
            @QueryParam("status") List<String> statuses, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return pipeline.run(request -> {
            SearchRequest search = SearchRequest.of(q, units, statuses, page, size,
                    StudentRecordsOptions.MAX_SEARCH_WINDOW);
            StudentSearchIndex index = request.index();
            SearchResult result = request.store().search(request.access(),
                    scope -> index.search(scope, search.query(), search.offset()),
                    found -> found.hits().stream().map(SearchHit::recordId).toList());
            return json(Response.ok(), SearchResultRepresentation.of(result, search.page(), search.size()));
        });
    }
}
