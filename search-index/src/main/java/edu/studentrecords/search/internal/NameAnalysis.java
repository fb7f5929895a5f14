package edu.studentrecords.search.internal;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analysis of names. Every chain first folds traditional characters to simplified (ICU
 * {@code Traditional-Simplified}), so 張三 and 张三 are the same name; pinyin comes from ICU {@code Han-Latin}
 * with tones removed by {@code Latin-ASCII}, so {@code zhāng sān}, {@code zhang san} and {@code zhangsan} meet
 * the name 张三. The same chains run at index and at query time, so a character's reading is always the same
 * on both sides (a polyphonic surname read differently by the user does not match by pinyin, only by
 * characters).
 *
 * <p>Thread-safe: the transliterators are shared, as Lucene's own ICU factories share them, with what they made of
 * the texts they were given lately ({@link RememberedTransform}).
 */
public final class NameAnalysis {

    private static final RememberedTransform.Results TO_SIMPLIFIED =
            new RememberedTransform.Results(Transliterator.getInstance("Traditional-Simplified"));
    private static final RememberedTransform.Results TO_PINYIN = new RememberedTransform.Results(
            Transliterator.getInstance("Traditional-Simplified; Han-Latin; Latin-ASCII; Lower"));
    private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Analyzer indexAnalyzer;
    private final Analyzer queryAnalyzer;

    public NameAnalysis() {
        Analyzer pinyinKey = new FoldedKeyAnalyzer(TO_PINYIN);
        Analyzer nameKey = new FoldedKeyAnalyzer(TO_SIMPLIFIED);
        Analyzer pinyin = new PinyinSyllables();
        // Prefixes are indexed as terms (edge n-grams of the keys), so a short prefix such as "zh" is one
        // postings list instead of an expansion over thousands of terms.
        Map<String, Analyzer> perField = Map.of(
                Fields.NAME_CHARS, new CharacterGrams(true),
                Fields.NAME_PINYIN, pinyin,
                Fields.NAME_KEY, nameKey,
                Fields.PINYIN_KEY, pinyinKey,
                Fields.NUMBER_PREFIX, new LeadingParts(null),
                Fields.NAME_PREFIX, new LeadingParts(TO_SIMPLIFIED),
                Fields.PINYIN_PREFIX, new LeadingParts(TO_PINYIN));
        this.indexAnalyzer = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
        // At query time a name of two or more characters is looked up by its bigrams only, so 张三 must
        // occur as a pair; a single character still matches as a unigram.
        this.queryAnalyzer = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(
                Fields.NAME_CHARS, new CharacterGrams(false),
                Fields.NAME_PINYIN, pinyin,
                Fields.NAME_KEY, nameKey,
                Fields.PINYIN_KEY, pinyinKey));
    }

    /** The analyzer the index writer uses. */
    public Analyzer indexAnalyzer() {
        return indexAnalyzer;
    }

    /** The terms the query side produces for {@code text} in {@code field}. */
    public List<String> queryTerms(String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = queryAnalyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.length() > 0) {
                    terms.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** CJK characters as unigrams and bigrams; other words whole; all folded to simplified and lower case. */
    private static final class CharacterGrams extends Analyzer {
        private final boolean unigrams;

        CharacterGrams(boolean unigrams) {
            this.unigrams = unigrams;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new RememberedTransform(source, TO_SIMPLIFIED);
            ts = new CJKBigramFilter(ts, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
                    | CJKBigramFilter.HANGUL, unigrams);
            return new TokenStreamComponents(source, new LowerCaseFilter(ts));
        }
    }

    /** Each character as its toneless pinyin syllable; Latin words as they are, lower case. */
    private static final class PinyinSyllables extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new RememberedTransform(source, TO_PINYIN);
            return new TokenStreamComponents(source, ts);
        }
    }

    /** The leading parts of the whole text, transformed (if a transform is given), without spaces or punctuation. */
    private static final class LeadingParts extends Analyzer {
        private final RememberedTransform.Results transform;

        LeadingParts(RememberedTransform.Results transform) {
            this.transform = transform;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new KeywordTokenizer();
            TokenStream ts = transform == null ? source : new RememberedTransform(source, transform);
            ts = new LowerCaseFilter(ts);
            ts = new PatternReplaceFilter(ts, NOT_ALNUM, "", true);
            ts = new EdgeNGramTokenFilter(ts, 1, Fields.MAX_PREFIX, false);
            return new TokenStreamComponents(source, ts);
        }
    }

    /** The whole text as one term, transformed, without spaces or punctuation. */
    private static final class FoldedKeyAnalyzer extends Analyzer {
        private final RememberedTransform.Results transform;

        FoldedKeyAnalyzer(RememberedTransform.Results transform) {
            this.transform = transform;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new KeywordTokenizer();
            TokenStream ts = new RememberedTransform(source, transform);
            ts = new LowerCaseFilter(ts);
            ts = new PatternReplaceFilter(ts, NOT_ALNUM, "", true);
            return new TokenStreamComponents(source, ts);
        }
    }
}
