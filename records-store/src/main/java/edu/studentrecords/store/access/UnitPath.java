package edu.studentrecords.store.access;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An organisational unit written as a slash path from the faculty down, for example
 * {@code science/physics/2024-1} (faculty, department, class), or the special value {@link #ALL}
 * (written {@code *}) that stands for every unit.
 *
 * <p>Segments are non-empty, consist of {@code [A-Za-z0-9._-]} and are not made of dots only (so
 * {@code .} and {@code ..} cannot be used to walk the tree). Comparison is exact and case-sensitive.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnitPath {

    /** Every unit: contains every other path, and is contained only in itself. Written {@code *}. */
    public static final UnitPath ALL = new UnitPath(List.of());

    /**
     * A unit that cannot be read (a stored value outside the grammar, from before it was enforced): contained in
     * {@link #ALL} and in itself only, so administrators still reach such a record and can correct it, nobody else.
     */
    public static final UnitPath UNREADABLE = new UnitPath(List.of(".."));

    private static final String ALL_TEXT = "*";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DOTS_ONLY = Pattern.compile("\\.+");

    private final List<String> segments;

    private UnitPath(List<String> segments) {
        this.segments = segments;
    }

    /**
     * Parses a unit path.
     *
     * @param text {@code *} for {@link #ALL}, or segments separated by single slashes, without a
     *     leading or trailing slash; not null
     * @return the path
     * @throws IllegalArgumentException if the text is not a valid unit path
     */
    public static UnitPath parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals(ALL_TEXT)) {
            return ALL;
        }
        // The limit -1 keeps trailing empty strings, so "a/" and "a//b" are rejected below.
        String[] parts = text.split("/", -1);
        for (String part : parts) {
            if (!SEGMENT.matcher(part).matches() || DOTS_ONLY.matcher(part).matches()) {
                throw new IllegalArgumentException("Not a unit path: '" + text + "'");
            }
        }
        return new UnitPath(List.of(parts));
    }

    /**
     * Whether {@code text} names one unit a record can be in: a path {@link #parse} accepts, other than {@link #ALL}.
     * The grammar the record's validation, the access decision and the search index share.
     */
    public static boolean isRecordUnit(String text) {
        if (text == null || text.equals(ALL_TEXT)) {
            return false;
        }
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The unit {@code text} names, or {@link #UNREADABLE} when it is not a record's unit. */
    public static UnitPath ofRecord(String text) {
        return isRecordUnit(text) ? parse(text) : UNREADABLE;
    }

    /** Whether this is {@link #ALL}. */
    public boolean isAll() {
        return segments.isEmpty();
    }

    /**
     * Whether {@code other} is this unit or lies below it. Comparison is by whole segments, so
     * {@code sci} does not contain {@code science}. {@link #ALL} contains every path; no path other
     * than {@link #ALL} contains {@link #ALL}.
     *
     * @param other the unit to test; not null
     */
    public boolean contains(UnitPath other) {
        Objects.requireNonNull(other, "other");
        if (isAll()) {
            return true;
        }
        if (other.isAll() || other.segments.size() < segments.size()) {
            return false;
        }
        return other.segments.subList(0, segments.size()).equals(segments);
    }

    /** The segments from the faculty down; empty for {@link #ALL}. Unmodifiable. */
    public List<String> segments() {
        return segments;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitPath that && segments.equals(that.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** The path as {@link #parse} accepts it: {@code *} or the segments joined by slashes. */
    @Override
    public String toString() {
        return isAll() ? ALL_TEXT : String.join("/", segments);
    }
}
