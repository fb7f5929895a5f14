package edu.studentrecords.search.internal;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Transforms each token with an ICU transliterator, as {@link ICUTransformFilter} does, remembering the result for the
 * token's text: names share their characters and often whole names, and a rule-based transform such as
 * {@code Han-Latin} costs far more than a map lookup. The same text always gives the same result, so what is
 * remembered is only ever what the transform would give again.
 *
 * <p>One {@link Results} per transliterator, shared by every stream (thread-safe); a stream is used by one thread.
 */
final class RememberedTransform extends TokenFilter {

    /** What a transliterator made of the texts it was given lately. Thread-safe. */
    static final class Results {

        /** At most this many texts are remembered; when full, everything is forgotten and remembering starts over. */
        static final int CAPACITY = 50_000;

        private final Transliterator transform;
        private final Map<String, String> results = new ConcurrentHashMap<>();

        Results(Transliterator transform) {
            this.transform = transform;
        }

        String of(String text) {
            String known = results.get(text);
            if (known != null) {
                return known;
            }
            String result = transform.transliterate(text);
            if (results.size() >= CAPACITY) {
                results.clear();
            }
            results.put(text, result);
            return result;
        }

        int remembered() {
            return results.size();
        }
    }

    private final Results results;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    RememberedTransform(TokenStream input, Results results) {
        super(input);
        this.results = results;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        String result = results.of(term.toString());
        term.setEmpty().append(result);
        return true;
    }
}
