package edu.studentrecords.store.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.DestructionCertificate;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.backup.ProgressListener;
import edu.studentrecords.store.backup.StoreBackup;
import edu.studentrecords.store.internal.crypto.Aead;
import edu.studentrecords.store.internal.crypto.SecretKeyFile;
import edu.studentrecords.store.internal.crypto.UnreadableCiphertextException;
import edu.studentrecords.store.internal.retention.GatedRetention;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention against a real embedded store process: leavers are archived under their record's key, destroyed through
 * the one destruction path once their retention ends (not twice, not while held), their paper copies on the
 * certificate, and a backup taken before the destruction restores them destroyed, archive included.
 */
class RetentionRunIT {

    private static final String REGISTRAR = UUID.randomUUID().toString();
    private static final String SECOND_REGISTRAR = UUID.randomUUID().toString();
    private static final RetentionPolicy THIRTY_DAYS = new RetentionPolicy(
            EnumSet.of(EnrolmentStatus.GRADUATED, EnrolmentStatus.WITHDRAWN), 30, 10);

    @TempDir
    Path dir;

    @Test
    void aGraduateIsArchivedThenDestroyedOnceAfterTheRetentionPeriodWithPaperCopiesOnTheCertificate() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            Retention retention = store.retention();
            shorten(retention, THIRTY_DAYS);
            String graduate = enrol(store, 1);
            String staying = enrol(store, 2);
            String transferred = enrol(store, 3);
            leave(store, graduate, EnrolmentStatus.GRADUATED);
            leave(store, transferred, EnrolmentStatus.TRANSFERRED);
            StudentRecord before = content(store, graduate);

            RetentionRun first = retention.run(admin(Instant.now()), false, Retention.Hooks.NONE);
            assertThat(first.archived()).containsExactly(graduate);
            assertThat(first.destroyed()).isEmpty();
            ArchiveSummary archive = retention.archive(admin(Instant.now()), graduate);
            assertThat(archive.sha256()).matches("[0-9a-f]{64}");
            assertThat(archive.destroyAfter()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(30)
                    .atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(retention.verifyArchive(admin(Instant.now()), graduate))
                    .isEqualTo(new ArchiveVerification(archive.sha256(), true));
            StudentRecord archived = ((GatedRetention) retention).openArchiveForCheck(graduate).orElseThrow().content();
            assertThat(archived).isEqualTo(before);
            assertThatThrownBy(() -> retention.archive(admin(Instant.now()), staying))
                    .is(Kinds.NOT_FOUND);
            PaperCopy copy = retention.addPaperCopy(admin(Instant.now()), graduate, "Registry, cabinet 4",
                    "records officer", LocalDate.now().plusDays(60));

            Instant early = Instant.now().plus(Duration.ofDays(20));
            RetentionRun tooEarly = retention.run(admin(early), false, Retention.Hooks.NONE);
            assertThat(tooEarly.destroyed()).isEmpty();
            assertThat(tooEarly.waiting()).isEqualTo(1);

            Instant later = Instant.now().plus(Duration.ofDays(31));
            long auditBefore = store.auditTrail().range(1, 1000).size();
            RetentionRun dry = retention.run(admin(later), true, Retention.Hooks.NONE);
            assertThat(dry.dryRun()).isTrue();
            assertThat(dry.destroyed()).extracting(RetentionRun.Destroyed::recordId).containsExactly(graduate);
            assertThat(dry.destroyed().get(0).certificate().paperCopies()).containsExactly(copy);
            assertThat(store.records().read(admin(later), graduate).id()).isEqualTo(graduate);
            assertThat(retention.verifyArchive(admin(later), graduate).intact()).isTrue();
            // The dry run's only trace: the call's one entry (then the read and the verify of this test).
            assertThat(store.auditTrail().range(auditBefore + 1, 100).get(0).operation()).isEqualTo(AuditOperation.RETENTION_RUN.code());

            List<Instant> destroyedNotice = new ArrayList<>();
            Retention.Hooks hooks = new Retention.Hooks() {
                @Override
                public void destroyed(edu.studentrecords.store.Destruction destruction) {
                    destroyedNotice.add(destruction.destroyedAt());
                }

                @Override
                public String sign(DestructionCertificate certificate) {
                    return "signed:" + certificate.recordId();
                }
            };
            RetentionRun real = retention.run(admin(later), false, hooks);
            assertThat(real.destroyed()).hasSize(1);
            RetentionRun.Destroyed done = real.destroyed().get(0);
            assertThat(done.recordId()).isEqualTo(graduate);
            assertThat(done.signedCertificate()).isEqualTo("signed:" + graduate);
            assertThat(done.certificate().paperCopies()).containsExactly(copy);
            assertThat(done.certificate().requestedBy()).isEqualTo(Retention.SYSTEM);
            assertThat(done.certificate().approvedBy()).isEqualTo(REGISTRAR);
            assertThat(done.certificate().retentionRun()).isEqualTo(real.id());
            assertThat(destroyedNotice).hasSize(1);

            assertThatThrownBy(() -> store.records().read(admin(later), graduate)).is(Kinds.NOT_FOUND);
            assertThat(fixture.rawDatabase().getCollection("records").countDocuments(new Document("_id", graduate))).isZero();
            assertThat(fixture.rawDatabase().getCollection("record_keys").countDocuments(new Document("_id", graduate))).isZero();
            assertThat(fixture.rawDatabase().getCollection("record_archives").countDocuments(new Document("_id", graduate))).isZero();
            assertThat(Files.readString(fixture.settings().erasureLedgerFile())).contains(" " + graduate + "\n");
            assertThat(store.records().read(admin(later), staying).id()).isEqualTo(staying);
            // The register outlives the record: the custodian is still found there.
            assertThat(retention.paperCopies(admin(later), graduate)).containsExactly(copy);

            RetentionRun again = retention.run(admin(later.plusSeconds(60)), false, Retention.Hooks.NONE);
            assertThat(again.destroyed()).isEmpty();
            assertThat(again.archived()).isEmpty();
            assertThat(retention.runs(admin(later))).extracting(RetentionRun::id)
                    .startsWith(again.id(), real.id(), dry.id());

            List<AuditEntry> history = store.auditTrail().range(1, 1000);
            AuditEntry destruction = history.stream().filter(e -> e.operation().equals(AuditOperation.RETENTION_DESTROY.code())).findFirst()
                    .orElseThrow();
            assertThat(destruction.recordId()).isEqualTo(graduate);
            assertThat(destruction.subject()).isNull();
            assertThat(history).filteredOn(e -> e.operation().equals(AuditOperation.RETENTION_DESTROY.code())).hasSize(1);
            assertThat(store.auditTrail().verify().intact()).isTrue();
        }
    }

    @Test
    void aLegalHoldStopsDestructionAndLiftingItLetsTheNextRunDestroy() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            Retention retention = store.retention();
            shorten(retention, THIRTY_DAYS);
            String withdrawn = enrol(store, 5);
            leave(store, withdrawn, EnrolmentStatus.WITHDRAWN);
            retention.run(admin(Instant.now()), false, Retention.Hooks.NONE);
            LegalHold hold = retention.placeHold(admin(Instant.now()), withdrawn, "Court order 2026/17");
            assertThat(hold.active()).isTrue();

            Instant later = Instant.now().plus(Duration.ofDays(45));
            RetentionRun heldRun = retention.run(admin(later), false, Retention.Hooks.NONE);
            assertThat(heldRun.held()).containsExactly(withdrawn);
            assertThat(heldRun.destroyed()).isEmpty();
            assertThat(store.records().read(admin(later), withdrawn).id()).isEqualTo(withdrawn);
            assertThat(retention.holds(admin(later))).containsExactly(hold);

            LegalHold lifted = retention.liftHold(admin(later), hold.id());
            assertThat(lifted.liftedAt()).isNotNull();
            assertThat(lifted.liftedBy()).isEqualTo(REGISTRAR);
            assertThatThrownBy(() -> retention.liftHold(admin(later), hold.id())).is(Kinds.CONFLICT);
            assertThatThrownBy(() -> retention.liftHold(admin(later), UUID.randomUUID().toString()))
                    .is(Kinds.NOT_FOUND);

            RetentionRun next = retention.run(admin(later), false, Retention.Hooks.NONE);
            assertThat(next.destroyed()).extracting(RetentionRun.Destroyed::recordId).containsExactly(withdrawn);
            assertThat(next.held()).isEmpty();
            assertThatThrownBy(() -> store.records().read(admin(later), withdrawn)).is(Kinds.NOT_FOUND);
        }
    }

    @Test
    void aBackupTakenBeforeARetentionDestructionRestoresTheStudentDestroyedAndTheArchiveGone() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            Retention retention = store.retention();
            shorten(retention, THIRTY_DAYS);
            String graduate = enrol(store, 7);
            String other = enrol(store, 8);
            leave(store, graduate, EnrolmentStatus.GRADUATED);
            leave(store, other, EnrolmentStatus.GRADUATED);
            retention.run(admin(Instant.now()), false, Retention.Hooks.NONE);
            // The other graduate is held, so that the restored database still holds an archive to compare with.
            retention.placeHold(admin(Instant.now()), other, "Audit by the education bureau");
            fixture.closeStore();
            Path file = dir.resolve("before-retention.backup");
            try (StoreBackup backup = StoreBackup.connect(fixture.settings())) {
                backup.backup(file, ProgressListener.NONE);
            }
            byte[] sealedArchive = fixture.rawDatabase().getCollection("record_archives")
                    .find(new Document("_id", graduate)).first().get("sealed", Binary.class).getData();
            store = fixture.reopenStore();

            Instant later = Instant.now().plus(Duration.ofDays(31));
            RetentionRun run = store.retention().run(admin(later), false, Retention.Hooks.NONE);
            assertThat(run.destroyed()).extracting(RetentionRun.Destroyed::recordId).containsExactly(graduate);
            fixture.closeStore();

            fixture.rawDatabase().drop();
            try (StoreBackup backup = StoreBackup.connect(fixture.settings())) {
                assertThat(backup.restore(file, ProgressListener.NONE).erasedSkipped())
                        .as("the record, its data key, its archive and the history entry of its leaving").isEqualTo(4);
            }
            StudentRecords restored = fixture.reopenStore();
            assertThatThrownBy(() -> restored.records().read(admin(later), graduate)).is(Kinds.NOT_FOUND);
            assertThatThrownBy(() -> restored.retention().archive(admin(later), graduate))
                    .is(Kinds.NOT_FOUND);
            assertThat(fixture.rawDatabase().getCollection("record_archives").countDocuments(new Document("_id", graduate)))
                    .isZero();
            assertThat(fixture.rawDatabase().getCollection("record_history").countDocuments(new Document("record", graduate)))
                    .isZero();
            assertThat(restored.retention().verifyArchive(admin(later), other).intact()).isTrue();
            // The backup's copy of the archive opens with nothing the restored store holds.
            byte[] master = SecretKeyFile.load(fixture.settings().masterKeyFile(), false);
            byte[] ad = ("archive|" + graduate).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Aead.open(master, sealedArchive, ad)).isInstanceOf(UnreadableCiphertextException.class);
            for (Document key : fixture.rawDatabase().getCollection("record_keys").find()) {
                byte[] dataKey = Aead.open(master, key.get("wrapped", Binary.class).getData(),
                        ("record-key|" + key.getString("_id")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThatThrownBy(() -> Aead.open(dataKey, sealedArchive, ad))
                        .isInstanceOf(UnreadableCiphertextException.class);
            }
        }
    }

    @Test
    void noSequenceOfCallsByOneAdministratorDestroysARecord() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            Retention retention = store.retention();
            AccessContext registrar = admin(Instant.now());
            String leaver = enrol(store, 11);
            // Everything one administrator can do towards destroying the record: make it a leaver long ago, shorten the
            // policy as far as it goes, approve that change, run retention twice, ask for a purge and approve it.
            RecordView current = store.records().read(registrar, leaver);
            store.records().update(registrar, leaver, current.version(), "{\"profile\":{\"status\":\"WITHDRAWN\","
                    + "\"leavingDate\":\"" + LocalDate.now().minusYears(1) + "\"}}");
            RetentionPolicy shortest = new RetentionPolicy(Set.of(EnrolmentStatus.WITHDRAWN), 1, 0);
            PolicyChange asked = retention.updatePolicy(registrar, shortest);
            assertThat(asked.status()).isEqualTo(PolicyChange.Status.AWAITING_APPROVAL);
            assertThat(asked.current()).as("not in force before a second administrator approves")
                    .isEqualTo(RetentionPolicy.DEFAULT);
            assertThatThrownBy(() -> retention.approvePolicy(admin(Instant.now()), asked.proposedAt()))
                    .is(Kinds.FOUR_EYES);
            retention.run(admin(Instant.now()), false, Retention.Hooks.NONE);
            RetentionRun second = retention.run(admin(Instant.now().plus(Duration.ofMinutes(5))), false,
                    Retention.Hooks.NONE);
            assertThat(second.destroyed()).isEmpty();
            var purge = store.purgeRequests().request(registrar, leaver, "Left a year ago");
            assertThatThrownBy(() -> store.purgeRequests().approve(admin(Instant.now()), purge.id(), d -> { }))
                    .is(Kinds.FOUR_EYES);
            assertThat(store.records().read(registrar, leaver).id()).isEqualTo(leaver);
            assertThat(retention.pendingPolicy(registrar)).hasValueSatisfying(
                    pending -> assertThat(pending.proposed()).isEqualTo(shortest));

            // Cancelling needs no second pair of eyes: keeping records longer is never a risk.
            assertThat(retention.cancelPolicy(registrar).status()).isEqualTo(PolicyChange.Status.CANCELLED);
            assertThat(retention.pendingPolicy(registrar)).isEmpty();
            assertThat(retention.policy(registrar)).isEqualTo(RetentionPolicy.DEFAULT);
            // Making retention longer applies at once.
            RetentionPolicy longer = new RetentionPolicy(RetentionPolicy.DEFAULT.archiveOn(), 4000, 4000);
            assertThat(retention.updatePolicy(registrar, longer).status()).isEqualTo(PolicyChange.Status.APPLIED);
            assertThat(retention.policy(registrar)).isEqualTo(longer);
        }
    }

    @Test
    void theSecondAdministratorApprovesTheChangeTheyReadAndNoOther() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            Retention retention = fixture.store().retention();
            RetentionPolicy reviewed = new RetentionPolicy(RetentionPolicy.DEFAULT.archiveOn(), 1800, 3650);
            PolicyChange read = retention.updatePolicy(admin(Instant.now()), reviewed);
            // While it waits, the one who asked cannot slip another change in its place.
            assertThatThrownBy(() -> retention.updatePolicy(admin(Instant.now()), THIRTY_DAYS)).is(Kinds.CONFLICT);
            // Cancelled and asked again: the approver's reading is of the first change, which is gone.
            retention.cancelPolicy(admin(Instant.now()));
            PolicyChange other = retention.updatePolicy(admin(Instant.now().plusMillis(5)), THIRTY_DAYS);
            assertThat(other.proposedAt()).isNotEqualTo(read.proposedAt());
            AccessContext second = Principals.admin(SECOND_REGISTRAR, Instant.now());
            assertThatThrownBy(() -> retention.approvePolicy(second, read.proposedAt())).is(Kinds.STALE);
            assertThat(retention.policy(second)).isEqualTo(RetentionPolicy.DEFAULT);
            assertThat(retention.approvePolicy(second, other.proposedAt()).current()).isEqualTo(THIRTY_DAYS);
        }
    }

    @Test
    void noPolicyGoesUnderTheServersFloorAndRunsApplyTheFloorToOlderPolicies() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StoreSettings floored = StoreSettings.builder().connectionString(fixture.settings().connectionString())
                    .keysDirectory(dir.resolve("keys")).generateMissingKeys(true).retentionFloorDays(60).build();
            try (StudentRecords store = StudentRecords.connect(floored)) {
                Retention retention = store.retention();
                assertThatThrownBy(() -> retention.updatePolicy(admin(Instant.now()), THIRTY_DAYS))
                        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                                .extracting(edu.studentrecords.store.validation.FieldError::field)
                                .containsExactlyInAnyOrder("destroyAfterDays", "archiveRetentionDays"));
                RetentionPolicy atFloor = new RetentionPolicy(THIRTY_DAYS.archiveOn(), 60, 60);
                PolicyChange asked = retention.updatePolicy(admin(Instant.now()), atFloor);
                assertThat(retention.approvePolicy(Principals.admin(SECOND_REGISTRAR, Instant.now()),
                        asked.proposedAt()).current()).isEqualTo(atFloor);
            }
            // A store whose realm set thirty days before the floor was raised: its runs keep to the floor.
            shorten(fixture.store().retention(), THIRTY_DAYS);
            String graduate = enrol(fixture.store(), 12);
            leave(fixture.store(), graduate, EnrolmentStatus.GRADUATED);
            try (StudentRecords store = StudentRecords.connect(StoreSettings.builder()
                    .connectionString(fixture.settings().connectionString()).keysDirectory(dir.resolve("keys"))
                    .generateMissingKeys(true).retentionFloorDays(60).build())) {
                Retention retention = store.retention();
                retention.run(admin(Instant.now()), false, Retention.Hooks.NONE);
                RetentionRun after40Days = retention.run(admin(Instant.now().plus(Duration.ofDays(40))), true,
                        Retention.Hooks.NONE);
                assertThat(after40Days.destroyed()).as("thirty days are not enough under a floor of sixty").isEmpty();
                RetentionRun after70Days = retention.run(admin(Instant.now().plus(Duration.ofDays(70))), true,
                        Retention.Hooks.NONE);
                assertThat(after70Days.destroyed()).extracting(RetentionRun.Destroyed::recordId).contains(graduate);
            }
        }
    }

    @Test
    void thePolicyIsValidatedOnlyAdministratorsManageRetentionAndTheScheduledRunClaimsItsPeriodOnce() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            Retention retention = fixture.store().retention();
            assertThat(retention.policy(admin(Instant.now()))).isEqualTo(RetentionPolicy.DEFAULT);
            assertThatThrownBy(() -> retention.updatePolicy(admin(Instant.now()),
                    new RetentionPolicy(Set.of(EnrolmentStatus.ENROLLED), 0, -1)))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.errors())
                            .extracting(edu.studentrecords.store.validation.FieldError::field)
                            .containsExactlyInAnyOrder("archiveOn", "destroyAfterDays", "archiveRetentionDays"));
            assertThat(retention.policy(admin(Instant.now()))).isEqualTo(RetentionPolicy.DEFAULT);
            AccessContext teacher = Principals.staff(UUID.randomUUID().toString(),
                    Principals.allScopes(), "science");
            assertThatThrownBy(() -> retention.run(teacher, false, Retention.Hooks.NONE))
                    .is(Kinds.REFUSED);
            assertThatThrownBy(() -> retention.placeHold(admin(Instant.now()), UUID.randomUUID().toString(), "x"))
                    .is(Kinds.NOT_FOUND);

            Instant now = Instant.now();
            assertThat(retention.runScheduled(now, Duration.ofHours(24), Retention.Hooks.NONE)).isPresent();
            assertThat(retention.runScheduled(now.plus(Duration.ofHours(2)), Duration.ofHours(24), Retention.Hooks.NONE))
                    .isEmpty();
            assertThat(retention.runScheduled(now.plus(Duration.ofHours(25)), Duration.ofHours(24), Retention.Hooks.NONE))
                    .isPresent();
            assertThat(retention.lastScheduledRun()).isPresent();
        }
    }

    @Test
    void aRunInterruptedMidDestructionIsFinishedByTheNextRunAndAPurgeApprovalTakesTheArchiveAndListsPaperCopies() {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            Retention retention = store.retention();
            shorten(retention, THIRTY_DAYS);
            String keyGone = enrol(store, 21);
            String recordGone = enrol(store, 22);
            String purged = enrol(store, 23);
            for (String id : List.of(keyGone, recordGone, purged)) {
                leave(store, id, EnrolmentStatus.GRADUATED);
            }
            assertThat(retention.run(admin(Instant.now()), false, Retention.Hooks.NONE).archived())
                    .containsExactlyInAnyOrder(keyGone, recordGone, purged);

            // A run that stopped after destroying one record's key, and another's record, before the rest of each.
            var raw = fixture.rawDatabase();
            raw.getCollection("record_keys").deleteOne(new Document("_id", keyGone));
            raw.getCollection("records").deleteOne(new Document("_id", recordGone));
            Instant later = Instant.now().plus(Duration.ofDays(31));
            RetentionRun next = retention.run(admin(later), false, Retention.Hooks.NONE);
            assertThat(next.destroyed()).extracting(RetentionRun.Destroyed::recordId).contains(keyGone)
                    .doesNotContain(recordGone);
            for (String id : List.of(keyGone, recordGone)) {
                assertThat(raw.getCollection("records").countDocuments(new Document("_id", id))).isZero();
                assertThat(raw.getCollection("record_archives").countDocuments(new Document("_id", id))).as(id).isZero();
            }
            assertThat(next.destroyed()).extracting(RetentionRun.Destroyed::recordId).contains(purged);

            // A purge approval is the same destruction: the archive goes with the record, paper copies are listed.
            String another = enrol(store, 24);
            leave(store, another, EnrolmentStatus.GRADUATED);
            retention.run(admin(Instant.now()), false, Retention.Hooks.NONE);
            PaperCopy copy = retention.addPaperCopy(admin(Instant.now()), another, "Faculty office", "class adviser",
                    LocalDate.now().plusDays(7));
            AccessContext asker = Principals.admin(UUID.randomUUID().toString());
            var request = store.purgeRequests().request(asker, another, "Enrolled twice by mistake");
            DestructionCertificate certificate = store.purgeRequests().approve(admin(Instant.now()), request.id(),
                    d -> { });
            assertThat(certificate.paperCopies()).containsExactly(copy);
            assertThat(certificate.retentionRun()).isNull();
            assertThat(raw.getCollection("record_archives").countDocuments(new Document("_id", another))).isZero();
        }
    }

    private static AccessContext admin(Instant now) {
        return Principals.admin(REGISTRAR, now);
    }

    /** Shortens the policy as the product lets it be shortened: one registrar asks, a second approves. */
    private static void shorten(Retention retention, RetentionPolicy policy) {
        PolicyChange asked = retention.updatePolicy(admin(Instant.now()), policy);
        assertThat(asked.status()).isEqualTo(PolicyChange.Status.AWAITING_APPROVAL);
        PolicyChange approved = retention.approvePolicy(Principals.admin(SECOND_REGISTRAR, Instant.now()),
                asked.proposedAt());
        assertThat(approved.status()).isEqualTo(PolicyChange.Status.APPROVED);
        assertThat(approved.current()).isEqualTo(policy);
    }

    private static String enrol(StudentRecords store, long seed) {
        return store.records().create(admin(Instant.now()), new GeneratedStudents(seed).next(LocalDate.now()), null).id();
    }

    private static void leave(StudentRecords store, String id, EnrolmentStatus status) {
        long version = store.records().read(admin(Instant.now()), id).version();
        store.records().update(admin(Instant.now()), id, version, "{\"profile\":{\"status\":\"" + status + "\",\"leavingDate\":\""
                + LocalDate.now(ZoneOffset.UTC) + "\"}}");
    }

    private static StudentRecord content(StudentRecords store, String id) {
        var view = store.records().read(admin(Instant.now()), id);
        return new StudentRecord(view.profile(), view.identity(), view.contact(), view.guardians());
    }
}
