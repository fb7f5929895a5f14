package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.feed.ChangedRecords;
import edu.studentrecords.store.feed.IndexSearch;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.model.FieldGroup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The gate's search: a search through the node's index, re-checked on the stored records so that no hit, total or
 * facet count reflects a record the caller may no longer read, although the index lags the store. Part of
 * {@link RecordGate}, which hands it its policy, audit writer and record lookup. Thread-safe.
 */
final class SearchGate {

    /**
     * The most pages of one search whose hits are confirmed on the stored records: each page after the first leaves
     * out at least one more hit the caller may not read now. An index that disagrees with the store on more is not
     * searched ({@code UNAVAILABLE}; it needs a rebuild).
     */
    static final int MAX_CONFIRMED_PAGES = 50;

    /** The groups a search hit carries. */
    private static final Set<FieldGroup> HIT_GROUPS = Set.of(FieldGroup.PROFILE);

    private final AccessPolicy policy;
    private final AuditWriter audit;
    private final RecordLookup lookup;

    SearchGate(AccessPolicy policy, AuditWriter audit, RecordLookup lookup) {
        this.policy = policy;
        this.audit = audit;
        this.lookup = lookup;
    }

    /**
     * Runs one search on the node's search index under the access decision and audit, answering only what the caller
     * may read now although the index lags the store.
     *
     * <ol>
     *   <li>The policy gives the caller's search scope once; a refusal is audited and thrown.</li>
     *   <li>The index runs the query within the scope and says up to which feed position its state is complete.</li>
     *   <li>The records with feed entries after that position (the only ones the index can hold otherwise than the
     *       store) are read from {@code feed}; of those the run counted, each is decided again, as a search hit, on
     *       its stored access facts (unit, owner; a record gone, or whose unit does not parse, is not readable).</li>
     *   <li>The page is taken without the records the caller may not read now: they count in neither the hits, nor
     *       the total, nor a facet. Each hit of the page is decided on its stored access facts as well; a hit that
     *       fails is left out too and the page taken again.</li>
     *   <li>Exactly one audit entry: {@code SEARCH} allowed naming the ids returned; or, when anything failed,
     *       allowed with reason {@code SEARCH_FAILED} and no ids. The re-decisions are not audited separately (the
     *       search's entry stands for the call).</li>
     * </ol>
     *
     * @throws StoreException {@code REFUSED} when the caller may not search; {@code UNAVAILABLE} when the index is more
     *     than {@link RecordGate#MAX_RECHECKED_ENTRIES} entries behind the feed or disagrees with the store on too many hits
     * @throws RuntimeException what the index throws (e.g. when it has not caught up since it opened), after the
     *     search is audited as failed
     */
    <R> R search(AccessContext ctx, ChangeFeed feed, IndexSearch<R> search) {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(search, "search");
        SearchScope scope = policy.searchScope(ctx);
        if (scope instanceof SearchScope.Refused refused) {
            audit.search(ctx, scope, List.of(), null);
            throw StoreException.refused(new AccessDecision.Denied(refused.reason(), AccessDecision.Visibility.FORBIDDEN));
        }
        SearchScope.Matching matching = (SearchScope.Matching) scope;
        IndexSearch.Page<R> page;
        try (IndexSearch.Run<R> run = Objects.requireNonNull(search.run(matching), "run")) {
            page = pageReadableNow(ctx, feed, run);
        } catch (RuntimeException e) {
            audit.search(ctx, matching, List.of(), AuditReason.SEARCH_FAILED);
            throw e;
        }
        audit.search(ctx, matching, page.recordIds(), null);
        return page.answer();
    }

    private <R> IndexSearch.Page<R> pageReadableNow(AccessContext ctx, ChangeFeed feed, IndexSearch.Run<R> run) {
        ChangedRecords changed = feed.changedAfter(run.position(), RecordGate.MAX_RECHECKED_ENTRIES);
        if (!changed.complete()) {
            throw StoreException.unavailable(Subject.RECORD, "the search index is too far behind the store", null);
        }
        Set<String> excluded = new HashSet<>();
        if (!changed.recordIds().isEmpty()) {
            excluded.addAll(notReadableNow(ctx, run.counted(changed.recordIds())));
        }
        Set<String> confirmed = new HashSet<>();
        for (int round = 0; round < MAX_CONFIRMED_PAGES; round++) {
            IndexSearch.Page<R> page = run.page(Set.copyOf(excluded));
            List<String> unconfirmed = new ArrayList<>();
            for (String id : page.recordIds()) {
                if (excluded.contains(id)) {
                    throw new IllegalStateException("the search index returned a hit it was told to leave out");
                }
                if (!confirmed.contains(id)) {
                    unconfirmed.add(id);
                }
            }
            Set<String> dropped = notReadableNow(ctx, unconfirmed);
            if (dropped.isEmpty()) {
                return page;
            }
            excluded.addAll(dropped);
            unconfirmed.stream().filter(id -> !dropped.contains(id)).forEach(confirmed::add);
        }
        throw StoreException.unavailable(Subject.RECORD, "the search index disagrees with the store", null);
    }

    /**
     * Of {@code recordIds}, those the caller may not have as a search hit now, decided on the stored access facts: a
     * record that no longer exists, or that the policy refuses on its stored facts (a unit that does not parse is
     * nobody's unit). Decided, not audited.
     */
    private Set<String> notReadableNow(AccessContext ctx, Collection<String> recordIds) {
        if (recordIds.isEmpty()) {
            return Set.of();
        }
        Map<String, RecordHeader> stored = lookup.headers(recordIds);
        Set<String> refused = new HashSet<>();
        for (String id : recordIds) {
            RecordHeader header = stored.get(id);
            if (header == null || !mayHaveAsHit(ctx, header)) {
                refused.add(id);
            }
        }
        return refused;
    }

    private boolean mayHaveAsHit(AccessContext ctx, RecordHeader header) {
        // A stored unit that is not a unit path is no one's unit: only those who may see every unit find the record.
        AccessTarget target = RecordGate.target(header);
        return policy.decide(ctx, Operation.SEARCH, target, HIT_GROUPS) instanceof AccessDecision.Allowed;
    }
}
