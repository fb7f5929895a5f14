package edu.studentrecords.keycloak.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.DenialReason;
import edu.studentrecords.store.grants.GrantState;
import edu.studentrecords.store.validation.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Problems in the language a request asks for: Simplified Chinese for zh, English for anything else. */
class ProblemTextsTest {

    private static final ProblemTexts CHINESE = ProblemTexts.forLanguages(List.of(Locale.forLanguageTag("zh-CN")));

    @Test
    void chineseIsChosenForAnyZhTagAndEnglishForEveryOtherLanguage() {
        assertThat(CHINESE.languageTag()).isEqualTo("zh-CN");
        assertThat(ProblemTexts.forLanguages(List.of(Locale.forLanguageTag("zh"))).languageTag()).isEqualTo("zh-CN");
        assertThat(ProblemTexts.forLanguages(List.of(Locale.forLanguageTag("en-GB"))).languageTag()).isEqualTo("en");
        assertThat(ProblemTexts.forLanguages(List.of(Locale.FRENCH)).languageTag()).isEqualTo("en");
        assertThat(ProblemTexts.forLanguages(List.of()).languageTag()).isEqualTo("en");
        assertThat(ProblemTexts.forLanguages(List.of(new Locale("*"))).languageTag()).isEqualTo("en");
        // The first language the server has decides, in the order of preference.
        assertThat(ProblemTexts.forLanguages(List.of(Locale.FRENCH, Locale.forLanguageTag("zh-TW"), Locale.ENGLISH))
                .languageTag()).isEqualTo("zh-CN");
        assertThat(ProblemTexts.forLanguages(List.of(Locale.ENGLISH, Locale.forLanguageTag("zh-CN"))).languageTag())
                .isEqualTo("en");
    }

    @Test
    void aRefusalIsInChineseWithItsTypeAndReasonUnchanged() {
        StoreException refused = StoreException.refused(new AccessDecision.Denied(DenialReason.OUTSIDE_UNITS,
                AccessDecision.Visibility.FORBIDDEN));
        Problem english = ProblemMapper.from(refused, ProblemTexts.ENGLISH);
        Problem chinese = ProblemMapper.from(refused, CHINESE);
        assertThat(english.detail()).isEqualTo(DenialReason.OUTSIDE_UNITS.description());
        assertThat(english.title()).isEqualTo("Access denied");
        assertThat(chinese.title()).isEqualTo("拒绝访问");
        assertThat(chinese.detail()).isNotEqualTo(english.detail()).matches(".*\\p{IsHan}.*");
        assertThat(chinese.type()).isEqualTo(english.type());
        assertThat(chinese.reason()).isEqualTo(english.reason()).isEqualTo("OUTSIDE_UNITS");
        assertThat(chinese.status()).isEqualTo(403);
    }

    @Test
    void fieldErrorsKeepFieldAndRuleAndSayTheRuleInChineseWithItsLimits() {
        StoreException invalid = StoreException.invalid(Subject.SETTINGS, List.of(
                new FieldError("selfCheck.workday", "pattern", "Like 07:00-20:00, the start before the end."),
                new FieldError("selfCheck.readsPerHour", "range", "A whole number from 1 to 1000000."),
                new FieldError("profile.name", "too-long", "must be at most 64 characters"),
                new FieldError("somewhere", "a-rule-nobody-knows", "Something")));
        Problem english = ProblemMapper.from(invalid, ProblemTexts.ENGLISH);
        Problem chinese = ProblemMapper.from(invalid, CHINESE);
        assertThat(english.title()).isEqualTo("Invalid settings");
        assertThat(english.detail()).isEqualTo("4 field(s) break a rule; nothing was written.");
        assertThat(english.errors()).extracting(Problem.Error::message)
                .contains("Like 07:00-20:00, the start before the end.", "A whole number from 1 to 1000000.");
        assertThat(chinese.title()).isEqualTo("设置无效");
        assertThat(chinese.detail()).isEqualTo("4 项不符合规则，未写入任何内容。");
        assertThat(chinese.errors()).extracting(Problem.Error::field).isEqualTo(english.errors().stream()
                .map(Problem.Error::field).toList());
        assertThat(chinese.errors()).extracting(Problem.Error::rule).isEqualTo(english.errors().stream()
                .map(Problem.Error::rule).toList());
        assertThat(chinese.errors()).extracting(Problem.Error::message).containsExactly(
                "不能超过 64 个字符", "取值范围：1 至 1000000", "格式如 07:00-20:00，开始时间早于结束时间。",
                "此项不符合规则。");
    }

    @Test
    void conflictsNameTheStateInTheLanguage() {
        StoreException revoked = StoreException.conflict(Subject.GRANT, GrantState.REVOKED.name());
        assertThat(ProblemMapper.from(revoked).detail()).isEqualTo("The grant is revoked; this change is not possible now.");
        assertThat(ProblemMapper.from(revoked, CHINESE).detail()).isEqualTo("该授权当前为“已撤销”，现在不能进行此更改。");
        assertThat(ProblemMapper.from(StoreException.notFound(Subject.INCIDENT), CHINESE).detail())
                .isEqualTo("没有你可以查看的、具有此编号的内容。");
    }

    @Test
    void aRefusalOfTheApiItselfIsInTheLanguageWithItsValues() {
        BadRequest bad = new BadRequest("bad.integer", "size", 1, 100);
        assertThat(bad.getMessage()).isEqualTo("'size' must be a whole number from 1 to 100.");
        Problem chinese = ProblemMapper.from(bad, CHINESE);
        assertThat(chinese.detail()).isEqualTo("“size”必须是 1 到 100 之间的整数。");
        assertThat(chinese.title()).isEqualTo("请求格式不正确");
        assertThat(chinese.type()).endsWith("/malformed-request");
        // A text without a key of its own (written before the texts were) is shown as it is.
        assertThat(ProblemMapper.from(new BadRequest("Give a name."), CHINESE).detail()).isEqualTo("Give a name.");
    }

    @Test
    void everyTextHasItsChineseAndEveryRefusalCodeItsText() throws IOException {
        Properties english = load("ProblemTexts.properties");
        Properties chinese = load("ProblemTexts_zh_CN.properties");
        Set<String> chineseOnly = Set.of("state.", "reason.", "error");
        assertThat(chinese.stringPropertyNames()).containsAll(english.stringPropertyNames());
        assertThat(chinese.stringPropertyNames()).allMatch(key -> english.containsKey(key)
                || chineseOnly.stream().anyMatch(key::startsWith), "a key of the English texts or of Chinese ones only");
        for (ProblemType type : ProblemType.values()) {
            assertThat(english.getProperty("title." + type.slug())).as(type.name()).isEqualTo(type.title());
        }
        for (DenialReason reason : DenialReason.values()) {
            assertThat(chinese.getProperty("reason." + reason.name())).as(reason.name()).isNotBlank();
        }
    }

    /** One bundle of the texts, read as UTF-8. */
    static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProblemTexts.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
