package edu.studentrecords.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.openqa.selenium.Dimension;

/** The steps every browser test of the centre's screens takes: sign in to a page, check axe-core, check the width. */
final class CentreScreens {

    private CentreScreens() {
    }

    /**
     * A browser {@code width} pixels wide (as a phone is tall below 1280) photographing into {@code folder}, signed in
     * as {@code who} of {@code campus} in the language {@code tag}, on the centre's {@code page} once its heading reads
     * {@code heading}.
     */
    static ConsoleBrowser signedIn(Campus campus, String folder, String who, String tag, int width, String page,
                                   String heading) throws IOException {
        campus.speaks(who, tag);
        ConsoleBrowser browser = ConsoleBrowser.forScreenshots(folder);
        browser.driver.manage().window().setSize(new Dimension(width, width < 1280 ? 844 : 1600));
        browser.open(campus.realm.getBaseUrl() + "/student-records/centre/" + page);
        browser.signIn(who, campus.passwords.get(who));
        browser.waitForPage(heading);
        return browser;
    }

    static void accessible(ConsoleBrowser browser, String what) throws IOException {
        assertThat(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()))
            .as("serious or critical axe-core violations of %s", what).isEmpty();
    }

    static void noSidewaysScrolling(ConsoleBrowser browser) {
        ConsoleBrowser.Overflow overflow = browser.sidewaysOverflow();
        assertThat(overflow.pixels()).as("no sideways scrolling: %s", overflow.elements()).isLessThanOrEqualTo(0);
    }
}
