package edu.studentrecords.store.backup;

/**
 * What a backup holds of one collection.
 *
 * @param name      the collection
 * @param documents how many documents
 * @param sha256    SHA-256, in hex, over the documents' BSON bytes, one after the other, in the order the backup wrote them
 */
public record CollectionSummary(String name, long documents, String sha256) {
}
