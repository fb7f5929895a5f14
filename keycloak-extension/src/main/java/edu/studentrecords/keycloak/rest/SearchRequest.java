package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.search.SearchQuery;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.EnrolmentStatus;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The query parameters of {@code GET /search}, checked: {@code q} (name, pinyin or student number; empty lists
 * everything the filters let through), {@code unit} and {@code status} (each repeatable or comma-separated),
 * {@code page} (from 0) and {@code size} (1 to {@value #MAX_SIZE}). Bad values are refused with a message that names
 * the parameter, never the value. {@code toString()} does not print {@code q}.
 *
 * @param query the search of the index, {@code limit} being the page size
 * @param page  the page, from 0
 * @param size  the page size
 */
record SearchRequest(SearchQuery query, int page, int size) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    static final int MAX_TEXT = 100;

    /** Checks the parameters; {@code window} is the deepest hit a page may reach. */
    static SearchRequest of(String q, List<String> units, List<String> statuses, String page, String size,
            int window) {
        String text = q == null ? "" : q.strip();
        if (text.length() > MAX_TEXT) {
            throw new BadRequest("bad.q-length", MAX_TEXT);
        }
        int pageNumber = RequestParameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = RequestParameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        if ((long) (pageNumber + 1) * pageSize > window) {
            throw new BadRequest("bad.search-window", window);
        }
        SearchQuery query = new SearchQuery(text, unitsOf(units), statusesOf(statuses), pageSize);
        return new SearchRequest(query, pageNumber, pageSize);
    }

    /** How many of the best hits the page skips. */
    int offset() {
        return page * size;
    }

    private static Set<UnitPath> unitsOf(List<String> values) {
        Set<UnitPath> units = new LinkedHashSet<>();
        for (String value : split(values)) {
            UnitPath unit;
            try {
                unit = UnitPath.parse(value);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("bad.unit");
            }
            if (unit.isAll()) {
                throw new BadRequest("bad.unit-all");
            }
            units.add(unit);
        }
        return units;
    }

    private static Set<EnrolmentStatus> statusesOf(List<String> values) {
        Set<EnrolmentStatus> statuses = new LinkedHashSet<>();
        for (String value : split(values)) {
            statuses.add(RequestParameters.oneOf("status", value, EnrolmentStatus.class, null));
        }
        return statuses;
    }

    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(Objects::nonNull)
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "SearchRequest[" + query + ", page=" + page + ", size=" + size + "]";
    }
}
