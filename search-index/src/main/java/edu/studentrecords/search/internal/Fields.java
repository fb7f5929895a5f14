package edu.studentrecords.search.internal;

/** The index's field names, and what each holds. */
final class Fields {

    /** The record id: indexed as one exact term (updates and deletes go by it), stored. */
    static final String ID = "id";
    /** The record's version: stored and as a numeric doc value. */
    static final String VERSION = "version";
    /** The linked Keycloak user, stored only: the access decision for exact look-ups needs it. */
    static final String OWNER = "owner";
    /** The student number lower-cased as one term, for exact and prefix matches. */
    static final String NUMBER_KEY = "number_key";
    /** The name as CJK unigrams and bigrams after traditional-to-simplified folding. */
    static final String NAME_CHARS = "name_chars";
    /** The name as toneless pinyin syllables (Latin names as their words). */
    static final String NAME_PINYIN = "name_pinyin";
    /** The whole name folded to simplified characters, lower case, without spaces: one term. */
    static final String NAME_KEY = "name_key";
    /** The whole name as toneless pinyin without spaces: one term ({@code zhangsan}). */
    static final String PINYIN_KEY = "pinyin_key";
    /** Every leading part (1 to {@link #MAX_PREFIX} characters) of the lower-cased student number. */
    static final String NUMBER_PREFIX = "number_prefix";
    /** Every leading part of {@link #NAME_KEY}. */
    static final String NAME_PREFIX = "name_prefix";
    /** Every leading part of {@link #PINYIN_KEY}. */
    static final String PINYIN_PREFIX = "pinyin_prefix";
    /** The longest prefix indexed as a term; a longer prefix is matched by expanding terms of the key field. */
    static final int MAX_PREFIX = 16;

    /** The record's unit and each of its ancestors, one exact term each. */
    static final String UNIT_PATH = "unit_path";
    /** The enrolment status name, one exact term. */
    static final String STATUS = "status";
    /** Keyed hash of the resident ID number, one exact term; never stored. */
    static final String RESIDENT_ID_HASH = "resident_id_hash";
    /** Keyed hashes of phone numbers, one exact term each; never stored. */
    static final String PHONE_HASH = "phone_hash";

    /** Facet dimensions (sorted-set doc values). */
    static final String FACET_UNIT = "unit";
    static final String FACET_STATUS = "status";

    /** Stored profile fields, returned with hits. */
    static final String STUDENT_NUMBER = "p_number";
    static final String NAME = "p_name";
    static final String GENDER = "p_gender";
    static final String UNIT = "p_unit";
    static final String STATUS_STORED = "p_status";
    static final String ENROLMENT_DATE = "p_enrolled";
    static final String LEAVING_DATE = "p_left";

    private Fields() {
    }
}
