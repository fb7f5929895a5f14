package edu.studentrecords.search.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * What the search text means, as one scored query. Every clause has a fixed weight (constant scores), so the
 * order is by kind of match, not by term statistics: an exact name or student number first, then the whole
 * name's pinyin, then names containing the characters or all the syllables, and prefixes last. A short prefix
 * such as {@code zh} therefore lists the Zhangs after any exact match, never above it.
 */
public final class TextQuery {

    static final float EXACT_NUMBER = 1000;
    static final float EXACT_NAME = 500;
    static final float EXACT_PINYIN = 300;
    static final float CHARACTERS = 50;
    static final float SYLLABLES = 30;
    static final float NUMBER_PREFIX = 10;
    static final float NAME_PREFIX = 5;
    static final float PINYIN_PREFIX = 2;

    private static final Pattern STUDENT_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,20}");

    private final NameAnalysis analysis;

    public TextQuery(NameAnalysis analysis) {
        this.analysis = analysis;
    }

    /** The query for {@code text}; every record when it is blank. */
    public Query of(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        if (STUDENT_NUMBER.matcher(trimmed).matches()) {
            String number = trimmed.toLowerCase(Locale.ROOT);
            add(any, new TermQuery(new Term(Fields.NUMBER_KEY, number)), EXACT_NUMBER);
            add(any, prefix(Fields.NUMBER_PREFIX, Fields.NUMBER_KEY, number), NUMBER_PREFIX);
        }
        for (String key : analysis.queryTerms(Fields.NAME_KEY, trimmed)) {
            add(any, new TermQuery(new Term(Fields.NAME_KEY, key)), EXACT_NAME);
            add(any, prefix(Fields.NAME_PREFIX, Fields.NAME_KEY, key), NAME_PREFIX);
        }
        for (String key : analysis.queryTerms(Fields.PINYIN_KEY, trimmed)) {
            add(any, new TermQuery(new Term(Fields.PINYIN_KEY, key)), EXACT_PINYIN);
            add(any, prefix(Fields.PINYIN_PREFIX, Fields.PINYIN_KEY, key), PINYIN_PREFIX);
        }
        addAll(any, Fields.NAME_CHARS, analysis.queryTerms(Fields.NAME_CHARS, trimmed), CHARACTERS);
        addAll(any, Fields.NAME_PINYIN, analysis.queryTerms(Fields.NAME_PINYIN, trimmed), SYLLABLES);
        return any.build();
    }

    /** A prefix as one indexed term when it is short enough, else as an expansion over the key's terms. */
    private static Query prefix(String prefixField, String keyField, String prefix) {
        return prefix.codePointCount(0, prefix.length()) <= Fields.MAX_PREFIX
                ? new TermQuery(new Term(prefixField, prefix))
                : new PrefixQuery(new Term(keyField, prefix));
    }

    private static void addAll(BooleanQuery.Builder any, String field, List<String> terms, float weight) {
        if (terms.isEmpty()) {
            return;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String term : terms) {
            all.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.FILTER);
        }
        add(any, all.build(), weight);
    }

    private static void add(BooleanQuery.Builder any, Query q, float weight) {
        any.add(new BoostQuery(new ConstantScoreQuery(q), weight), BooleanClause.Occur.SHOULD);
    }
}
