package edu.studentrecords.demo;

import edu.studentrecords.store.Records;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.UnitDirectory;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.guardians.GuardianAccount;
import edu.studentrecords.store.guardians.Guardians;
import edu.studentrecords.store.model.FieldGroup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Enrols the campus's students through the store, as any enrolment would: each record is validated,
 * encrypted, linked to its Keycloak user and audited under the seeding client {@value #SEED_CLIENT} with
 * the purpose {@code administration}. Idempotent: a student whose number is already taken is skipped.
 * Not thread-safe: one seeding at a time.
 */
final class RecordSeeder {

    /** The client id the audit trail names for the demo enrolment. */
    static final String SEED_CLIENT = "demo-campus-seed";
    static final String SEED_PURPOSE = "administration";
    /** Enrolments in flight at once: the store waits on durable writes, so a few overlap well even on 2 cores. */
    private static final int WORKERS = 4;

    private final Records store;
    private final Guardians guardians;
    private final RecordGenerator generator;
    private final Clock clock;

    RecordSeeder(Records store, Guardians guardians, long seed, Clock clock) {
        this.store = store;
        this.guardians = guardians;
        this.generator = new RecordGenerator(seed, clock);
        this.clock = clock;
    }

    /**
     * How a seeding went.
     *
     * @param created students enrolled now
     * @param skipped students already enrolled
     */
    record Report(int created, int skipped) {
    }

    /** Enrols every student of the campus that is not enrolled yet, in enrolment order. */
    Report seed(Campus campus) {
        List<Person> students = campus.students();
        AccessContext ctx = seedingContext();
        // Students are enrolled in order, so when the last one is there a complete seeding ran before.
        if (!students.isEmpty() && enrolled(ctx, students.get(students.size() - 1))) {
            linkParents(campus, ctx);
            return new Report(0, students.size());
        }
        AtomicInteger created = new AtomicInteger();
        List<Person> allButLast = students.subList(0, Math.max(0, students.size() - 1));
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> enrolments = new ArrayList<>();
            for (Person student : allButLast) {
                enrolments.add(workers.submit(() -> enrolUnlessThere(ctx, student, created)));
            }
            for (Future<?> enrolment : enrolments) {
                await(enrolment);
            }
        } finally {
            workers.shutdownNow();
        }
        // The last student is enrolled only after every other one: it marks a complete seeding.
        students.stream().skip(allButLast.size()).forEach(last -> enrolUnlessThere(ctx, last, created));
        linkParents(campus, ctx);
        return new Report(created.get(), students.size() - created.get());
    }

    /**
     * Links each minor's parent to the first guardian entry of the minor's record, as the centre does
     * ({@code POST /records/{id}/guardian-links}); a link made by an earlier seeding stays as it is.
     */
    private void linkParents(Campus campus, AccessContext ctx) {
        for (Campus.Minor minor : Campus.MINORS) {
            // A store seeded before the campus had minors gets them now.
            enrolUnlessThere(ctx, campus.person(minor.student()), new AtomicInteger());
            Person parent = campus.person(minor.guardian());
            String recordId = store.findByStudentNumber(ctx, campus.person(minor.student()).studentNumber()).id();
            try {
                guardians.link(ctx, recordId, 0, new GuardianAccount(parent.id(), parent.username(), true));
            } catch (StoreException e) {
                if (!e.is(StoreException.Kind.INVALID)) {
                    throw e;
                }
            }
        }
    }

    private void enrolUnlessThere(AccessContext ctx, Person student, AtomicInteger created) {
        if (!enrolled(ctx, student)) {
            store.create(ctx, generator.recordFor(student), student.id());
            created.incrementAndGet();
        }
    }

    private static void await(Future<?> enrolment) {
        try {
            enrolment.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while enrolling", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("enrolment failed", e.getCause());
        }
    }

    /** The access context of the demo enrolment: an administrator of the centre on the seeding client. */
    AccessContext seedingContext() {
        Set<String> scopes = new HashSet<>(Set.of("student.admin", "student.search"));
        for (FieldGroup group : FieldGroup.ALL) {
            scopes.add(group.readScope());
            scopes.add(group.writeScope());
        }
        return AccessContext.builder()
                .subject(SEED_CLIENT)
                .clientId(SEED_CLIENT)
                .clientTrust(ClientTrust.INTERNAL)
                .scopes(scopes)
                .roles(Set.of(RealmRole.ADMIN.roleName()))
                .purpose(SEED_PURPOSE)
                .realmPurposes(Set.copyOf(Arrays.asList(RealmFile.REALM_PURPOSES.split(","))))
                .clientPurposes(Set.of(SEED_PURPOSE))
                .unitDirectory(UnitDirectory.of(CampusUnits.CLASSES.stream().map(UnitPath::parse)
                        .collect(Collectors.toSet())))
                .now(clock.instant())
                .build();
    }

    private boolean enrolled(AccessContext ctx, Person student) {
        try {
            store.findByStudentNumber(ctx, student.studentNumber());
            return true;
        } catch (StoreException e) {
            if (e.is(StoreException.Kind.NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }
}
