package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.feed.IndexSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A stand-in for the search index in the store's tests: a copy of some records (id and unit as the copy holds them,
 * in ranking order) frozen at a feed position. Every record of the copy matches the query; the scope is applied to
 * the unit the copy holds, as the index does. Records what the gate asked of it.
 */
final class FrozenIndex implements IndexSearch<FrozenIndex.Answer> {

    /**
     * What the copy answers for a page.
     *
     * @param total      records counted
     * @param ids        the page's hits
     * @param unitCounts records counted per unit, as the copy holds it
     */
    record Answer(long total, List<String> ids, Map<String, Long> unitCounts) {
    }

    private final long position;
    private final Map<String, String> units = new LinkedHashMap<>();
    private final int limit;
    final List<SearchScope.Matching> scopes = new ArrayList<>();
    final List<Set<String>> excludedAsked = new ArrayList<>();
    int closed;

    FrozenIndex(long position, int limit) {
        this.position = position;
        this.limit = limit;
    }

    /** The copy holds {@code recordId} in {@code unit}. */
    FrozenIndex holding(String recordId, String unit) {
        units.put(recordId, unit);
        return this;
    }

    @Override
    public Run<Answer> run(SearchScope.Matching scope) {
        scopes.add(scope);
        List<String> counted = units.entrySet().stream()
                .filter(e -> scope.matches(new AccessTarget(e.getKey(), null, UnitPath.parse(e.getValue()))))
                .map(Map.Entry::getKey).toList();
        return new Run<>() {
            @Override
            public long position() {
                return position;
            }

            @Override
            public Set<String> counted(Set<String> recordIds) {
                return counted.stream().filter(recordIds::contains).collect(Collectors.toSet());
            }

            @Override
            public Page<Answer> page(Set<String> excluded) {
                excludedAsked.add(Set.copyOf(excluded));
                List<String> left = counted.stream().filter(id -> !excluded.contains(id)).toList();
                Map<String, Long> perUnit = new TreeMap<>();
                left.forEach(id -> perUnit.merge(units.get(id), 1L, Long::sum));
                List<String> page = left.subList(0, Math.min(limit, left.size()));
                return new Page<>(page, new Answer(left.size(), page, perUnit));
            }

            @Override
            public void close() {
                closed++;
            }
        };
    }
}
