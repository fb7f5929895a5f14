package edu.studentrecords.keycloak.mail;

import edu.studentrecords.keycloak.settings.SelfCheckSettings;
import edu.studentrecords.store.check.Finding;
import edu.studentrecords.store.check.SelfCheckReport;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Mails a self-check's findings to the information management centre (realm attribute
 * {@code student-records.centre-email}) through the realm's SMTP settings. Findings name people and clients by id
 * only, so the mail carries no student's data.
 */
public final class SelfCheckMail {

    private static final Logger LOG = Logger.getLogger(SelfCheckMail.class);

    private SelfCheckMail() {
    }

    public static void send(KeycloakSession session, RealmModel realm, SelfCheckReport report) {
        String to = realm.getAttribute(SelfCheckSettings.CENTRE_EMAIL);
        if (to == null || to.isBlank() || realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            LOG.warnf("Realm %s has self-check findings but no centre email or SMTP settings to send them to",
                    realm.getName());
            return;
        }
        String subject = "Student records security self-check: " + report.findings().size() + " finding(s) in "
                + realm.getName();
        String text = "The security self-check of " + realm.getName() + " ran at " + report.ranAt() + ".\n"
                + "Audit chain intact: " + report.chainIntact() + " (" + report.entriesChecked() + " entries)\n\n"
                + report.findings().stream().map(SelfCheckMail::line).collect(Collectors.joining("\n"))
                + "\n\nThe report is in the admin screens and at GET /realms/" + realm.getName()
                + "/student-records/self-check.\n";
        try {
            session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), to.strip(), subject, text, null);
        } catch (EmailException e) {
            LOG.warnf("The self-check mail of realm %s could not be sent (%s)", realm.getName(), e.getClass().getSimpleName());
        }
    }

    private static String line(Finding f) {
        return "- " + f.code() + (f.actor() == null ? "" : " " + f.actor()) + ": " + f.count()
                + (f.from() == null ? "" : " from " + f.from()) + (f.to() == null ? "" : " to " + f.to());
    }
}
