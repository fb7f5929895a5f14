package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.correction.CorrectionReview;
import edu.studentrecords.store.correction.CorrectionStatus;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

/**
 * Correction requests: request, list, review, approve, reject, audit. Against the embedded store in every build
 * ({@link CorrectionRequestIT}), against a real replica set where a Docker engine is ({@link ReplicaSetCorrectionRequestIT}).
 */
abstract class CorrectionRequestContract extends StoreContract {

    final GeneratedStudents students = new GeneratedStudents(2718);
    final LocalDate today = LocalDate.now();
    final AccessContext admin = Principals.admin(UUID.randomUUID().toString());

    private long auditCount() {
        return target().rawDatabase().getCollection("audit_entries").countDocuments();
    }

    /** A student with a record of their own. */
    private Student enrol() {
        String subject = UUID.randomUUID().toString();
        StudentRecord content = students.next(today);
        RecordView created = store.records().create(admin, content, subject);
        return new Student(Principals.self(subject), created.id(), content);
    }

    private record Student(AccessContext ctx, String recordId, StudentRecord content) {
    }

    private String nameChange(String name) {
        return "{\"profile\":{\"name\":\"" + name + "\"}}";
    }

    @Test
    void aStudentAsksForANameCorrectionTheRecordStaysAsItWasAndTheRequestIsListedAndSealed() {
        Student alice = enrol();
        long audit = auditCount();

        CorrectionRequest request = store.self().requestCorrection(alice.ctx(), nameChange("王小明"), "Misspelt at enrolment");

        assertThat(auditCount()).isEqualTo(audit + 1);
        assertThat(request.status()).isEqualTo(CorrectionStatus.PENDING);
        assertThat(request.groups()).containsExactly(FieldGroup.PROFILE);
        assertThat(request.reason()).isEqualTo("Misspelt at enrolment");
        assertThat(request.decidedAt()).isNull();
        assertThat(request.outcome()).isNull();
        RecordView own = store.self().read(alice.ctx());
        assertThat(own.profile()).isEqualTo(alice.content().profile());
        assertThat(own.version()).isEqualTo(1);

        audit = auditCount();
        assertThat(store.self().corrections(alice.ctx())).extracting(CorrectionRequest::id).containsExactly(request.id());
        assertThat(auditCount()).isEqualTo(audit + 1);

        // At rest: neither the new name, the old one, nor the reason in clear.
        Document stored = target().rawDatabase().getCollection("corrections").find(new Document("_id", request.id())).first();
        String raw = stored.toJson() + new String(stored.get("sealed", Binary.class).getData(), StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("王小明").doesNotContain(alice.content().profile().name()).doesNotContain("Misspelt");
    }

    @Test
    void aCorrectionTouchingContactOrMakingTheRecordInvalidIsRefusedByFieldAndAuditedOnce() {
        Student bob = enrol();
        long audit = auditCount();
        assertThatThrownBy(() -> store.self().requestCorrection(bob.ctx(), "{\"contact\":{\"email\":\"x@y.example\"}}", "moved"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::rule)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("contact", "not-correctable")));
        assertThat(auditCount()).isEqualTo(audit + 1);

        String badId = "110101200001011234";
        audit = auditCount();
        assertThatThrownBy(() -> store.self().requestCorrection(bob.ctx(),
                "{\"identity\":{\"residentIdNumber\":\"" + badId + "\"}}", "typo"))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).contains("identity.residentIdNumber");
                    assertThat(e.errors().toString()).doesNotContain(badId);
                });
        assertThat(auditCount()).isEqualTo(audit + 1);

        audit = auditCount();
        assertThatThrownBy(() -> store.self().requestCorrection(bob.ctx(), nameChange("李四"), " "))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("reason"));
        assertThatThrownBy(() -> store.self().requestCorrection(bob.ctx(), "[1]", "x"))
                .is(Kinds.MALFORMED);
        assertThat(auditCount()).isEqualTo(audit + 2);
        assertThat(store.self().corrections(bob.ctx())).isEmpty();
    }

    @Test
    void onlyStudentsOnTheirOwnRecordMayAsk() {
        long audit = auditCount();
        assertThatThrownBy(() -> store.self().requestCorrection(admin, nameChange("张三"), "x"))
                .is(Kinds.REFUSED_OR_NOT_FOUND);
        AccessContext stranger = Principals.self(UUID.randomUUID().toString());
        assertThatThrownBy(() -> store.self().requestCorrection(stranger, nameChange("张三"), "x"))
                .is(Kinds.NOT_FOUND);
        assertThat(auditCount()).isEqualTo(audit + 2);
    }

    @Test
    void anApprovedCorrectionChangesTheRecordAndTheStudentSeesTheOutcome() {
        Student carol = enrol();
        CorrectionRequest request = store.self().requestCorrection(carol.ctx(), nameChange("赵敏"), "Legal name changed");

        assertThat(store.corrections().pending(admin)).filteredOn(r -> r.request().id().equals(request.id()))
                .singleElement().satisfies(review -> {
                    assertThat(review.profileBefore()).isEqualTo(carol.content().profile());
                    assertThat(review.profileAfter().name()).isEqualTo("赵敏");
                    assertThat(review.identityBefore()).isNull();
                    assertThat(review.baseVersion()).isEqualTo(1);
                });

        long audit = auditCount();
        CorrectionRequest approved = store.corrections().approve(admin, request.id(), "Checked against the certificate");
        assertThat(auditCount()).isEqualTo(audit + 1);

        assertThat(approved.status()).isEqualTo(CorrectionStatus.APPROVED);
        assertThat(approved.outcome().recordVersion()).isEqualTo(2L);
        assertThat(store.records().read(admin, carol.recordId()).profile().name()).isEqualTo("赵敏");
        assertThat(store.self().corrections(carol.ctx())).singleElement().satisfies(seen -> {
            assertThat(seen.status()).isEqualTo(CorrectionStatus.APPROVED);
            assertThat(seen.decidedAt()).isNotNull();
            assertThat(seen.outcome().reason()).isEqualTo("Checked against the certificate");
        });
        assertThat(store.corrections().pending(admin)).extracting(CorrectionReview::request)
                .extracting(CorrectionRequest::id).doesNotContain(request.id());
        assertThatThrownBy(() -> store.corrections().approve(admin, request.id(), null))
                .is(Kinds.CONFLICT);
    }

    @Test
    void aRejectedCorrectionLeavesTheRecordAndCarriesTheReason() {
        Student dan = enrol();
        CorrectionRequest request = store.self().requestCorrection(dan.ctx(), nameChange("钱多多"), "Nickname");
        assertThatThrownBy(() -> store.corrections().reject(admin, request.id(), ""))
                .is(Kinds.INVALID);

        CorrectionRequest rejected = store.corrections().reject(admin, request.id(), "Not a legal name");

        assertThat(rejected.status()).isEqualTo(CorrectionStatus.REJECTED);
        assertThat(rejected.outcome().reason()).isEqualTo("Not a legal name");
        assertThat(rejected.outcome().recordVersion()).isNull();
        assertThat(store.records().read(admin, dan.recordId()).profile()).isEqualTo(dan.content().profile());
        assertThat(store.self().corrections(dan.ctx())).singleElement()
                .extracting(CorrectionRequest::status).isEqualTo(CorrectionStatus.REJECTED);
        assertThatThrownBy(() -> store.corrections().approve(admin, request.id(), null))
                .is(Kinds.CONFLICT);
    }

    @Test
    void anApprovalIsRefusedWhenTheTouchedGroupChangedMeanwhileOrTheCallerMayNotWriteIt() {
        Student eve = enrol();
        CorrectionRequest request = store.self().requestCorrection(eve.ctx(), nameChange("孙悦"), "typo");
        store.records().update(admin, eve.recordId(), 1, "{\"profile\":{\"status\":\"SUSPENDED\"}}");

        assertThatThrownBy(() -> store.corrections().approve(admin, request.id(), null))
                .is(Kinds.STALE);
        assertThat(store.records().read(admin, eve.recordId()).profile().name()).isEqualTo(eve.content().profile().name());
        assertThat(store.self().corrections(eve.ctx())).singleElement()
                .extracting(CorrectionRequest::status).isEqualTo(CorrectionStatus.PENDING);

        AccessContext teacher = Principals.staff(UUID.randomUUID().toString(), Principals.allScopes(),
                eve.content().profile().unit());
        long audit = auditCount();
        assertThatThrownBy(() -> store.corrections().reject(teacher, request.id(), "no"))
                .is(Kinds.REFUSED);
        assertThatThrownBy(() -> store.corrections().pending(teacher)).is(Kinds.REFUSED);
        assertThat(auditCount()).isEqualTo(audit + 2);
        assertThatThrownBy(() -> store.corrections().approve(admin, UUID.randomUUID().toString(), null))
                .is(Kinds.NOT_FOUND);
    }

    @Test
    void purgingTheRecordLeavesItsCorrectionsUnreadable() {
        Student fay = enrol();
        CorrectionRequest request = store.self().requestCorrection(fay.ctx(), nameChange("周芳"), "typo");
        Destructions.destroy(store, fay.recordId(), "left");
        assertThat(store.corrections().pending(admin)).extracting(CorrectionReview::request)
                .extracting(CorrectionRequest::id).doesNotContain(request.id());
        assertThatThrownBy(() -> store.corrections().approve(admin, request.id(), null))
                .is(Kinds.NOT_FOUND);
    }
}
