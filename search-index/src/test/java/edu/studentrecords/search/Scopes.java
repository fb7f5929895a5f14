package edu.studentrecords.search;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.SearchScope;

/** The search scope the store's gate would hand the index for a caller (tests only: the product asks the gate). */
final class Scopes {

    private Scopes() {
    }

    static SearchScope.Matching of(AccessContext ctx) {
        return (SearchScope.Matching) new AccessPolicy().searchScope(ctx);
    }
}
