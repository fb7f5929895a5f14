package edu.studentrecords.search.internal;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * The facet values of every document of one segment, read once from the segment's sorted-set doc values into an
 * array, so that counting the values of a matching document is two array reads rather than a doc-values look-up.
 * A segment's documents never change (a changed record is a new document in a newer segment), so this is built once
 * per segment and shared by every searcher that holds the segment. One byte per value of a document while a segment
 * holds at most 127 distinct values (2 bytes per document here: a unit and a status), two up to 32,767, else four.
 * Immutable.
 */
final class SegmentFacets {

    /** The doc-values field every facet dimension is indexed in ({@link ProfileDocument#facetsConfig()}). */
    static final String FIELD = "facets";
    /** No dimension counted: {@link #dimension(int)} of a value of another dimension. */
    static final int NO_DIMENSION = -1;
    /** The counted dimensions, by index. */
    static final String[] DIMENSIONS = {Fields.FACET_UNIT, Fields.FACET_STATUS};

    static final SegmentFacets EMPTY = new SegmentFacets(0, new int[0], new byte[0], new String[0]);

    private final int stride;
    /** The values of each document, {@link #stride} apiece, -1 after the last: one of three widths. */
    private final byte[] narrow;
    private final short[] medium;
    private final int[] wide;
    private final byte[] dimensions;
    private final String[] labels;

    private SegmentFacets(int stride, int[] ordinals, byte[] dimensions, String[] labels) {
        this.stride = stride;
        this.dimensions = dimensions;
        this.labels = labels;
        // The smallest array that holds every value: less memory, and fewer cache misses while counting.
        if (labels.length <= Byte.MAX_VALUE) {
            narrow = new byte[ordinals.length];
            for (int i = 0; i < ordinals.length; i++) {
                narrow[i] = (byte) ordinals[i];
            }
            medium = null;
            wide = null;
        } else if (labels.length <= Short.MAX_VALUE) {
            medium = new short[ordinals.length];
            for (int i = 0; i < ordinals.length; i++) {
                medium[i] = (short) ordinals[i];
            }
            narrow = null;
            wide = null;
        } else {
            wide = ordinals;
            narrow = null;
            medium = null;
        }
    }

    /** Reads the segment's facet values. */
    static SegmentFacets read(LeafReader reader) throws IOException {
        SortedSetDocValues values = reader.getSortedSetDocValues(FIELD);
        if (values == null || values.getValueCount() == 0) {
            return EMPTY;
        }
        int stride = 0;
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            stride = Math.max(stride, values.docValueCount());
        }
        int[] ordinals = new int[Math.multiplyExact(reader.maxDoc(), stride)];
        Arrays.fill(ordinals, -1);
        values = reader.getSortedSetDocValues(FIELD);
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            int base = doc * stride;
            for (int i = 0, n = values.docValueCount(); i < n; i++) {
                ordinals[base + i] = Math.toIntExact(values.nextOrd());
            }
        }
        int count = Math.toIntExact(values.getValueCount());
        byte[] dimensions = new byte[count];
        String[] labels = new String[count];
        for (int ord = 0; ord < count; ord++) {
            String[] path = FacetsConfig.stringToPath(values.lookupOrd(ord).utf8ToString());
            dimensions[ord] = (byte) (path.length == 2 ? Arrays.asList(DIMENSIONS).indexOf(path[0]) : NO_DIMENSION);
            labels[ord] = path.length == 2 ? path[1] : null;
        }
        return new SegmentFacets(stride, ordinals, dimensions, labels);
    }

    /** How many distinct values the segment holds: the size of a count array for {@link #count}. */
    int valueCount() {
        return labels.length;
    }

    /** Adds one to the count of each value of {@code doc}. */
    void count(int doc, int[] counts) {
        int base = doc * stride;
        for (int i = 0; i < stride; i++) {
            int ord = narrow != null ? narrow[base + i] : medium != null ? medium[base + i] : wide[base + i];
            if (ord < 0) {
                return;
            }
            counts[ord]++;
        }
    }

    /** The index in {@link #DIMENSIONS} of a value's dimension, or {@link #NO_DIMENSION}. */
    int dimension(int ord) {
        return dimensions[ord];
    }

    /** A value's label within its dimension. */
    String label(int ord) {
        return labels[ord];
    }
}
