package edu.studentrecords.keycloak.centre;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CentrePagesTest {

    @Test
    void onlyPlainFileNamesOfKnownKindsAreAssets() {
        assertThat(CentrePages.contentType("main-Bq_oAlQv.css")).startsWith("text/css");
        assertThat(CentrePages.contentType("main-NUySqdcr.js")).startsWith("text/javascript");
        assertThat(CentrePages.contentType("RedHatText-Regular-BDARZx4I.woff2")).isEqualTo("font/woff2");
        for (String name : List.of("../manifest.json", "..", ".vite", "a/b.js", "a\\b.js", "%2e%2e.js", ".hidden.js",
                "main.js/", "main..js", "manifest.json", "index.html", "x.class", "", "a b.js")) {
            assertThat(CentrePages.contentType(name)).as(name).isNull();
        }
        assertThat(CentrePages.contentType(null)).isNull();
        assertThat(CentrePages.contentType("a".repeat(300) + ".js")).isNull();
    }

    @Test
    void theConfigurationBlockCannotEndItsScriptElement() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("realm", "</script><script>alert(1)</script><!--&");
        String json = CentrePages.scriptSafeJson(config);
        assertThat(json).doesNotContain("<", ">", "&");
        assertThat(json).contains("\\u003c/script\\u003e");
    }

    @Test
    void thePolicyAllowsNothingInlineAndNoOtherOrigin() {
        assertThat(CentrePages.CONTENT_SECURITY_POLICY).contains("default-src 'none'", "script-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe", "*", "http");
    }
}
