/**
 * The change feed: how derived copies of records (the search index) learn of every committed change
 * without dual writes and without multi-document transactions.
 */
package edu.studentrecords.store.feed;
