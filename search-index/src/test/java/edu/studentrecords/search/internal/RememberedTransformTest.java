package edu.studentrecords.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The remembering transform gives what Lucene's ICU filter gives, token for token, and remembers a bounded number. */
class RememberedTransformTest {

    private static final String PINYIN = "Traditional-Simplified; Han-Latin; Latin-ASCII; Lower";
    private static final List<String> NAMES = List.of("张三", "張三", "王小明", "欧阳娜娜", "歐陽娜娜", "Li Lei", "李 Lei",
            "zhāng sān", "单", "曾", "乐乐", "O'Brien", "", "  ", "张三", "張三");

    @Test
    void everyTokenComesOutAsTheIcuFilterMakesIt() throws IOException {
        for (String rules : List.of(PINYIN, "Traditional-Simplified")) {
            Transliterator transform = Transliterator.getInstance(rules);
            RememberedTransform.Results results = new RememberedTransform.Results(Transliterator.getInstance(rules));
            for (String name : NAMES) {
                for (Function<String, Tokenizer> tokenizer : List.<Function<String, Tokenizer>>of(
                        text -> keyword(text), text -> standard(text))) {
                    assertThat(terms(new RememberedTransform(tokenizer.apply(name), results)))
                            .as("%s of \"%s\"", rules, name)
                            .isEqualTo(terms(new ICUTransformFilter(tokenizer.apply(name), transform)));
                }
            }
            // Each distinct text once, whichever stream asked: the names' repeats and shared characters are not
            // transformed again.
            assertThat(results.remembered()).isLessThan(NAMES.size() * 2);
        }
    }

    @Test
    void whatIsRememberedIsBoundedAndStillRightAfterForgetting() {
        RememberedTransform.Results results = new RememberedTransform.Results(Transliterator.getInstance(PINYIN));
        for (int i = 0; i < RememberedTransform.Results.CAPACITY + 10; i++) {
            results.of("张" + i);
        }
        assertThat(results.remembered()).isLessThanOrEqualTo(RememberedTransform.Results.CAPACITY);
        assertThat(results.of("张三")).isEqualTo("zhang san");
    }

    private static Tokenizer keyword(String text) {
        Tokenizer tokenizer = new KeywordTokenizer();
        tokenizer.setReader(new StringReader(text));
        return tokenizer;
    }

    private static Tokenizer standard(String text) {
        Tokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader(text));
        return tokenizer;
    }

    private static List<String> terms(TokenStream stream) throws IOException {
        List<String> terms = new ArrayList<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}
