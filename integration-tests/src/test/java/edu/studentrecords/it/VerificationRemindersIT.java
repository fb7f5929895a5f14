package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Reminders of due confirmations with the server's own timer: in a realm whose confirmation period is 10 days, a
 * student just enrolled is due within 14 days and is mailed once, in their language (Alice in English, Bob in
 * Simplified Chinese), with the due date and nothing of their record; the reminder is in their access log; a later
 * run (which reminds Bob, enrolled after Alice was reminded) does not remind Alice again.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class VerificationRemindersIT {

    @InjectRealm(ref = "reminders")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectMailServer
    MailServer mail;

    @Test
    void aStudentWhoseConfirmationFallsDueIsRemindedOnceInTheirLanguage() throws Exception {
        Campus campus = Campus.setUp(realm, oauth);
        campus.offersEnglishAndChinese();
        campus.speaks("bob", "zh-CN");
        RealmRepresentation representation = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(representation.getAttributesOrEmpty());
        attributes.put("student-records.verification-period-days", "10");
        representation.setAttributes(attributes);
        realm.admin().update(representation);
        String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);

        GeneratedStudent alice = GeneratedStudent.number(241, Campus.PHYSICS_CLASS);
        campus.enrol(admin, alice, "alice");
        String due = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
        MimeMessage toAlice = waitForMail("alice@people.example.test", 1);
        assertThat(toAlice.getSubject()).isEqualTo("Please check your student record: its confirmation falls due soon");
        String text = MailText.of(toAlice);
        assertThat(text).contains(due).contains("account console");
        assertThat(text).doesNotContain(alice.name()).doesNotContain(alice.studentNumber());

        GeneratedStudent bob = GeneratedStudent.number(242, Campus.HISTORY_CLASS);
        campus.enrol(admin, bob, "bob");
        MimeMessage toBob = waitForMail("bob@people.example.test", 1);
        assertThat(toBob.getSubject()).isEqualTo("请核对你的学籍档案：定期确认即将到期");
        assertThat(MailText.of(toBob)).contains(due).doesNotContain(bob.name()).doesNotContain(alice.name());

        assertThat(mailsTo("alice@people.example.test")).as("alice is reminded once, though the timer ran again")
            .isEqualTo(1);
        String aliceToken = campus.signIn(oauth, "alice", PORTAL, "student.self");
        JsonNode log = campus.api.call("GET", "/me/access-log?limit=100", aliceToken, null).send().json().get("entries");
        assertThat(log.findValuesAsText("operation").stream().filter("VERIFICATION_REMINDER"::equals).count())
            .isEqualTo(1);
    }

    private MimeMessage waitForMail(String address, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<MimeMessage> found = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipients(m).contains(address)).toList();
            if (found.size() >= count) {
                return found.get(count - 1);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no reminder to " + address);
    }

    private long mailsTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> recipients(m).contains(address)).count();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
