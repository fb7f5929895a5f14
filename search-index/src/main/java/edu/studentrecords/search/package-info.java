/**
 * Searching student profiles: a Lucene index per node, fed by the record store's change feed, with the
 * caller's {@link edu.studentrecords.store.access.SearchScope} inside every query so that totals and facet
 * counts cover only what the caller may see. Start with {@link edu.studentrecords.search.StudentSearchIndex}.
 */
package edu.studentrecords.search;
