package edu.studentrecords.keycloak.login;

import edu.studentrecords.keycloak.auth.SignedInStudent;
import edu.studentrecords.keycloak.settings.VerificationPeriod;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StudentRecords;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The periodic verification of rule 5.2. At every sign-in of a student whose last confirmation (or enrolment, if
 * they never confirmed) is older than the realm's period, the action is added; its page shows the current record
 * and the student either confirms it (the store's {@code confirmOwn}: a new {@code verifiedAt}, one audit entry) or
 * asks for a correction with a reason, which lets the sign-in finish without restarting the period, so the page
 * comes back at the next sign-in until the record is confirmed.
 *
 * <p>Nothing here blocks a sign-in when the record store cannot answer: the check is skipped and logged (without
 * personal data), because being unable to sign in is worse than a verification a sign-in late.
 */
final class RecordVerificationAction implements RequiredActionProvider {

    static final String CONFIRM = "confirm";
    static final String CORRECTION = "correction";
    static final String REASON = "reason";
    static final int MAX_REASON_LENGTH = 2000;
    /** The detail of the sign-in's event that tells which answer the student gave. */
    static final String OUTCOME_DETAIL = "student_records_verification";
    /** The note of a sign-in (authentication session) whose verification was already decided. */
    static final String CHECKED_NOTE = "student-records.verification-checked";

    private static final Logger LOG = Logger.getLogger(RecordVerificationAction.class);

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Keycloak evaluates triggers again after every completed action of a sign-in: decide once per sign-in, so
        // that a correction request (which leaves the period running) does not bring the page straight back, and
        // the check is one audit entry per sign-in.
        AuthenticationSessionModel signIn = context.getAuthenticationSession();
        if (signIn.getAuthNote(CHECKED_NOTE) != null) {
            return;
        }
        signIn.setAuthNote(CHECKED_NOTE, "true");
        SignedInStudent student = student(context);
        // An administrator impersonating the student is not the student: only the student confirms their record.
        if (!student.isStudent() || student.impersonator() != null) {
            return;
        }
        Instant since;
        try {
            since = store(context).self().lastConfirmation(student.context());
        } catch (RuntimeException e) {
            if (StoreException.refusedOrMissing(e)) {
                // No record of theirs, or not reachable through this client: nothing to verify at this sign-in.
                return;
            } else {
                LOG.warnf("Periodic verification not checked at a sign-in to realm %s: %s", context.getRealm().getName(),
                        e.getClass().getSimpleName());
                return;
            }
        }
        if (VerificationPeriod.of(context.getRealm()).overdue(since, SignedInStudent.now())) {
            context.getUser().addRequiredAction(RecordVerificationActionFactory.ID);
        }
    }

    /** A client (the account console) may also ask for the page with {@code kc_action}, to confirm ahead of time. */
    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        render(context, student(context), null);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        SignedInStudent student = student(context);
        try {
            if (form.containsKey(CONFIRM)) {
                store(context).self().confirm(student.context());
                context.getEvent().detail(OUTCOME_DETAIL, "confirmed");
                context.success();
            } else if (form.containsKey(CORRECTION)) {
                String reason = form.getFirst(REASON);
                if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
                    render(context, student, "studentRecordVerificationReasonMissing");
                    return;
                }
                // The record is not confirmed, so the period is not restarted and the page returns at the next
                // sign-in. The store keeps no correction requests yet: the request is recorded as the outcome of the
                // sign-in's event only. The reason is the student's own text and may hold personal data, so it is
                // never put into the event or a log; it belongs with the store's correction requests once they exist.
                context.getEvent().detail(OUTCOME_DETAIL, "correction_requested");
                context.success();
            } else {
                render(context, student, null);
            }
        } catch (RuntimeException e) {
            if (StoreException.refusedOrMissing(e)) {
                // The record went away or out of reach while the page was open: nothing is left to verify.
                context.success();
            } else {
                LOG.warnf("Periodic verification not saved in realm %s: %s", context.getRealm().getName(),
                        e.getClass().getSimpleName());
                render(context, student, "studentRecordVerificationNotSaved");
            }
        }
    }

    private void render(RequiredActionContext context, SignedInStudent student, String error) {
        RecordView record;
        try {
            record = store(context).self().read(student.context());
        } catch (StoreException e) {
            if (!StoreException.refusedOrMissing(e)) {
                throw e;
            }
            context.success();
            return;
        }
        LoginFormsProvider form = context.form();
        VerificationPage.model(record, VerificationPeriod.of(context.getRealm())).forEach(form::setAttribute);
        if (error != null) {
            form.setError(error);
        }
        Response page = form.createForm(VerificationPage.TEMPLATE);
        context.challenge(page);
    }

    private static SignedInStudent student(RequiredActionContext context) {
        // An existing session (an impersonation among them) signs in to another client under the same id as its
        // authentication session's root.
        AuthenticationSessionModel signIn = context.getAuthenticationSession();
        UserSessionModel existing = context.getSession().sessions().getUserSession(context.getRealm(),
                signIn.getParentSession().getId());
        return new SignedInStudent(context.getRealm(), context.getUser(), signIn.getClient(),
                SignedInStudent.impersonatorOf(existing));
    }

    private static StudentRecords store(RequiredActionContext context) {
        return context.getSession().getProvider(StudentRecordsProvider.class).store(context.getRealm());
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
