package edu.studentrecords.search;

/**
 * The index could not be read or written (an I/O failure of its folder, or the index was closed), or, as
 * {@link SearchIndexCatchingUpException}, cannot be searched yet.
 */
public sealed class SearchIndexException extends RuntimeException permits SearchIndexCatchingUpException {

    private static final long serialVersionUID = 1L;

    public SearchIndexException(String message, Throwable cause) {
        super(message, cause);
    }

    public SearchIndexException(String message) {
        super(message);
    }
}
