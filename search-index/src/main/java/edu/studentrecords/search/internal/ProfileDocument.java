package edu.studentrecords.search.internal;

import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.Gender;
import edu.studentrecords.store.model.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The Lucene document of a record's profile, and back. Only the profile is stored; the hashes of encrypted
 * fields are indexed as exact terms and never stored; no clear value of an encrypted field ever arrives here.
 */
public final class ProfileDocument {

    /** Prefix terms: matched, never scored by frequency or length. */
    private static final FieldType PREFIXES = prefixType();

    private final FacetsConfig facets;

    public ProfileDocument(FacetsConfig facets) {
        this.facets = facets;
    }

    /** The facet configuration every document and facet count uses. */
    public static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        config.setIndexFieldName(Fields.FACET_UNIT, "facets");
        config.setIndexFieldName(Fields.FACET_STATUS, "facets");
        return config;
    }

    /** The term that identifies a record's document. */
    public static Term idTerm(String recordId) {
        return new Term(Fields.ID, recordId);
    }

    /**
     * The document of an upsert event.
     *
     * @throws UnindexableRecordException when the event's record cannot be made into a document (a unit that is not
     *     a unit path, a missing profile field, any other failure building it): the entry's own fault, with a code
     */
    public Document of(ChangeEvent event) {
        try {
            return build(event);
        } catch (UnindexableRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            // Not kept as the cause: a message of what failed may quote the record's values.
            throw new UnindexableRecordException(UnindexableRecordException.DOCUMENT_FAILED);
        }
    }

    private Document build(ChangeEvent event) {
        Profile p = event.profile();
        if (p == null || p.studentNumber() == null || p.name() == null || p.gender() == null || p.status() == null
                || p.unit() == null || p.enrolmentDate() == null) {
            throw new UnindexableRecordException(UnindexableRecordException.PROFILE_INCOMPLETE);
        }
        List<String> segments = unitSegments(p.unit());
        Document doc = new Document();
        doc.add(new StringField(Fields.ID, event.recordId(), Field.Store.YES));
        doc.add(new StoredField(Fields.VERSION, event.version()));
        doc.add(new NumericDocValuesField(Fields.VERSION, event.version()));
        if (event.ownerSubject() != null) {
            doc.add(new StoredField(Fields.OWNER, event.ownerSubject()));
        }
        doc.add(new StringField(Fields.NUMBER_KEY, p.studentNumber().toLowerCase(Locale.ROOT), Field.Store.NO));
        doc.add(new TextField(Fields.NAME_CHARS, p.name(), Field.Store.NO));
        doc.add(new TextField(Fields.NAME_PINYIN, p.name(), Field.Store.NO));
        doc.add(new TextField(Fields.NAME_KEY, p.name(), Field.Store.NO));
        doc.add(new TextField(Fields.PINYIN_KEY, p.name(), Field.Store.NO));
        doc.add(new Field(Fields.NUMBER_PREFIX, p.studentNumber(), PREFIXES));
        doc.add(new Field(Fields.NAME_PREFIX, p.name(), PREFIXES));
        doc.add(new Field(Fields.PINYIN_PREFIX, p.name(), PREFIXES));
        for (int i = 1; i <= segments.size(); i++) {
            doc.add(new StringField(Fields.UNIT_PATH, String.join("/", segments.subList(0, i)), Field.Store.NO));
        }
        doc.add(new StringField(Fields.STATUS, p.status().name(), Field.Store.NO));
        if (event.residentIdHash() != null) {
            doc.add(new StringField(Fields.RESIDENT_ID_HASH, event.residentIdHash(), Field.Store.NO));
        }
        for (String phone : event.phoneHashes()) {
            doc.add(new StringField(Fields.PHONE_HASH, phone, Field.Store.NO));
        }
        doc.add(new SortedSetDocValuesFacetField(Fields.FACET_UNIT, p.unit()));
        doc.add(new SortedSetDocValuesFacetField(Fields.FACET_STATUS, p.status().name()));
        doc.add(new StoredField(Fields.STUDENT_NUMBER, p.studentNumber()));
        doc.add(new StoredField(Fields.NAME, p.name()));
        doc.add(new StoredField(Fields.GENDER, p.gender().name()));
        doc.add(new StoredField(Fields.STATUS_STORED, p.status().name()));
        doc.add(new StoredField(Fields.UNIT, p.unit()));
        doc.add(new StoredField(Fields.ENROLMENT_DATE, p.enrolmentDate().toString()));
        if (p.leavingDate() != null) {
            doc.add(new StoredField(Fields.LEAVING_DATE, p.leavingDate().toString()));
        }
        try {
            return facets.build(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unit's segments, from the faculty down; the same grammar the access decision uses. */
    private static List<String> unitSegments(String unit) {
        UnitPath path;
        try {
            path = UnitPath.parse(unit);
        } catch (IllegalArgumentException e) {
            throw new UnindexableRecordException(UnindexableRecordException.UNIT_INVALID);
        }
        if (path.isAll()) {
            throw new UnindexableRecordException(UnindexableRecordException.UNIT_INVALID);
        }
        return path.segments();
    }

    private static FieldType prefixType() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /** The profile held in a stored document. */
    public static Profile profileOf(Document stored) {
        String left = stored.get(Fields.LEAVING_DATE);
        return new Profile(stored.get(Fields.STUDENT_NUMBER), stored.get(Fields.NAME),
                Gender.valueOf(stored.get(Fields.GENDER)), EnrolmentStatus.valueOf(stored.get(Fields.STATUS_STORED)),
                stored.get(Fields.UNIT), LocalDate.parse(stored.get(Fields.ENROLMENT_DATE)),
                left == null ? null : LocalDate.parse(left));
    }

    /** The record id held in a stored document. */
    public static String idOf(Document stored) {
        return stored.get(Fields.ID);
    }

    /** The linked user held in a stored document, or null. */
    public static String ownerOf(Document stored) {
        return stored.get(Fields.OWNER);
    }

    /** The exact query on the resident ID hash ({@code residentId}) or on the phone hashes. */
    public static Query hashQuery(boolean residentId, String hash) {
        return new TermQuery(new Term(residentId ? Fields.RESIDENT_ID_HASH : Fields.PHONE_HASH, hash));
    }

    /** The version held in a stored document. */
    public static long versionOf(Document stored) {
        return stored.getField(Fields.VERSION).numericValue().longValue();
    }
}
