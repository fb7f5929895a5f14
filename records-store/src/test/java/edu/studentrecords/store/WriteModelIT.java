package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.UnitDirectory;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.Outcome;
import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.NativePlace;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.validation.DivisionCodes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes judged on the record before and after, against a reference model: random callers (administrators, staff of
 * one unit or another, with and without write scopes, an application acting for itself, a supervisor, students on
 * their own record and at {@code /records}, an impersonated session, which may change nothing) send random merge
 * patches (moves to known, unknown and malformed units, status and leaving-date changes, identity, contact and
 * guardians edits, names) against the current or a stale version of random records. The model, which sees every record before and after, says what
 * must come of each call; the store must agree on the outcome, on the record as it is afterwards, and on the one audit
 * entry the call leaves. The seed is printed, so a failing run can be repeated.
 */
class WriteModelIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    private static final int CASES = 10_000;
    private static final List<String> KNOWN_UNITS = List.of("science/physics/2024-1", "science/physics/2024-2",
            "science/chemistry/2024-1", "arts/history/2023-1");
    private static final String UNKNOWN_UNIT = "zz/hidden/0000";
    private static final String MALFORMED_UNIT = "science/../physics";
    private static final UnitDirectory REALM_UNITS = UnitDirectory.of(
            KNOWN_UNITS.stream().map(UnitPath::parse).collect(java.util.stream.Collectors.toSet()));
    private static final Set<FieldGroup> CENTRE_ONLY = EnumSet.of(FieldGroup.PROFILE, FieldGroup.IDENTITY);

    /** What a call must come to. */
    enum Expected { DONE, STALE, INVALID, REFUSED, NOT_FOUND }

    /** A caller of the model: how the store sees it, and what the model needs to judge it. */
    record Caller(String name, AccessContext ctx, Kind kind, List<String> units, boolean writes) {
        enum Kind { ADMIN, STAFF, CLIENT, SUPERVISOR, STUDENT_AT_RECORDS, SELF }
    }

    /** One generated patch: its JSON, the groups it touches, and what it does to a record of the model. */
    record Edit(String json, Set<FieldGroup> groups, java.util.function.UnaryOperator<StudentRecord> apply,
            boolean validByConstruction) {
    }

    private final SplittableRandom random = new SplittableRandom(Long.getLong("model.seed", System.nanoTime()));
    private final List<String> counties = DivisionCodes.all().keySet().stream().filter(c -> !c.endsWith("00")).toList();
    private final Map<String, StudentRecord> model = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();

    @Test
    void everyWriteAgreesWithTheModelOnOutcomeRecordAndAuditEntry() {
        long seed = random.split().nextLong();
        System.out.printf(Locale.ROOT, "Write model seed: %d%n", seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        StudentRecords store = STORE.store();
        AccessContext admin = admin(false);
        GeneratedStudents students = new GeneratedStudents(seed);
        for (int i = 0; i < 16; i++) {
            String owner = UUID.randomUUID().toString();
            StudentRecord content = students.nextIn(KNOWN_UNITS.get(i % KNOWN_UNITS.size()), LocalDate.now());
            RecordView created = store.records().create(admin, content, owner);
            model.put(created.id(), content);
            versions.put(created.id(), created.version());
            owners.put(created.id(), owner);
        }
        List<String> ids = List.copyOf(model.keySet());
        List<Caller> callers = callers();
        long lastSequence = store.auditTrail().range(1, 1000).size();
        Map<Expected, Integer> seen = new java.util.EnumMap<>(Expected.class);
        List<String> disagreements = new ArrayList<>();

        for (int n = 0; n < CASES && disagreements.size() < 10; n++) {
            Caller caller = callers.get(rnd.nextInt(callers.size()));
            String id = caller.kind() == Caller.Kind.SELF ? ownRecordOf(caller) : ids.get(rnd.nextInt(ids.size()));
            StudentRecord before = model.get(id);
            Edit edit = edit(rnd, before);
            boolean stale = rnd.nextInt(10) == 0;
            long version = stale ? versions.get(id) - 1 : versions.get(id);
            Expected expected = expect(caller, before, edit, stale);
            seen.merge(expected, 1, Integer::sum);

            Expected actual;
            try {
                RecordView after = caller.kind() == Caller.Kind.SELF
                        ? store.self().update(caller.ctx(), version, edit.json())
                        : store.records().update(caller.ctx(), id, version, edit.json());
                actual = Expected.DONE;
                versions.put(id, after.version());
            } catch (StoreException e) {
                actual = switch (e.kind()) {
                    case STALE -> Expected.STALE;
                    case INVALID, MALFORMED -> Expected.INVALID;
                    case REFUSED -> Expected.REFUSED;
                    case NOT_FOUND -> Expected.NOT_FOUND;
                    default -> throw e;
                };
            }
            if (actual == Expected.DONE) {
                model.put(id, edit.apply().apply(before));
            }
            List<AuditEntry> entries = store.auditTrail().range(lastSequence + 1, 10);
            lastSequence += entries.size();
            StudentRecord stored = content(store.records().read(admin, id));
            lastSequence += store.auditTrail().range(lastSequence + 1, 10).size(); // the administrator's read just now
            String call = String.format(Locale.ROOT, "#%d %s on %s, %s%s", n, caller.name(), id, edit.json(),
                    stale ? " (stale version)" : "");
            if (actual != expected) {
                disagreements.add(call + ": expected " + expected + ", got " + actual);
            } else if (!stored.equals(model.get(id))) {
                disagreements.add(call + ": the stored record differs from the model");
            } else if (entries.size() != 1) {
                disagreements.add(call + ": " + entries.size() + " audit entries");
            } else if (entries.get(0).outcome() != outcomeOf(expected)) {
                disagreements.add(call + ": audit outcome " + entries.get(0).outcome() + " for " + expected);
            }
        }
        System.out.printf(Locale.ROOT, "Write model: %s%n", seen);
        assertThat(disagreements).as("seed " + seed).isEmpty();
        assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES);
        assertThat(seen.keySet()).as("every outcome occurs").containsExactlyInAnyOrder(Expected.values());
    }

    // ----- the reference model

    private static Expected expect(Caller caller, StudentRecord before, Edit edit, boolean stale) {
        Set<FieldGroup> groups = edit.groups();
        boolean centreGroups = groups.stream().anyMatch(CENTRE_ONLY::contains);
        if (caller.ctx().impersonated()) {
            // A session under impersonation changes nothing, whatever the record: refused before anything else.
            return Expected.REFUSED;
        }
        switch (caller.kind()) {
            case SUPERVISOR, STUDENT_AT_RECORDS -> {
                return Expected.NOT_FOUND;
            }
            case SELF -> {
                if (centreGroups) {
                    return Expected.REFUSED;
                }
            }
            case ADMIN, STAFF, CLIENT -> {
                boolean admin = caller.kind() == Caller.Kind.ADMIN;
                boolean sees = admin || caller.units().stream().anyMatch(u -> within(before.profile().unit(), u));
                if (!sees) {
                    return Expected.NOT_FOUND;
                }
                if (!admin && centreGroups) {
                    return Expected.REFUSED;
                }
                if (!caller.writes()) {
                    return Expected.REFUSED;
                }
            }
            default -> throw new AssertionError(caller.kind());
        }
        if (stale) {
            return Expected.STALE;
        }
        if (!edit.validByConstruction()) {
            return Expected.INVALID;
        }
        StudentRecord after = edit.apply().apply(before);
        Profile p = after.profile();
        boolean unitChanged = !p.unit().equals(before.profile().unit());
        if (unitChanged && !KNOWN_UNITS.contains(p.unit())) {
            return Expected.INVALID;
        }
        if (p.leavingDate() != null && p.leavingDate().isBefore(p.enrolmentDate())) {
            return Expected.INVALID;
        }
        return Expected.DONE;
    }

    private static boolean within(String unit, String held) {
        return unit.equals(held) || unit.startsWith(held + "/");
    }

    private static Outcome outcomeOf(Expected expected) {
        return switch (expected) {
            case DONE -> Outcome.DONE;
            case STALE, INVALID -> Outcome.NOT_DONE;
            case REFUSED, NOT_FOUND -> Outcome.DENIED;
        };
    }

    // ----- generated patches

    private Edit edit(SplittableRandom rnd, StudentRecord before) {
        return switch (rnd.nextInt(9)) {
            case 0 -> move(rnd);
            case 1 -> status(rnd, before);
            case 2 -> nativePlace(rnd);
            case 3 -> birthDate(before);
            case 4 -> phone(rnd);
            case 5 -> guardian(rnd);
            case 6 -> name(rnd);
            case 7 -> combine(move(rnd), phone(rnd));
            default -> combine(status(rnd, before), guardian(rnd));
        };
    }

    private Edit move(SplittableRandom rnd) {
        int pick = rnd.nextInt(KNOWN_UNITS.size() + 2);
        String unit = pick < KNOWN_UNITS.size() ? KNOWN_UNITS.get(pick)
                : pick == KNOWN_UNITS.size() ? UNKNOWN_UNIT : MALFORMED_UNIT;
        return new Edit("{\"profile\":{\"unit\":\"" + unit + "\"}}", EnumSet.of(FieldGroup.PROFILE),
                r -> withProfile(r, p -> new Profile(p.studentNumber(), p.name(), p.gender(), p.status(), unit,
                        p.enrolmentDate(), p.leavingDate())), !unit.equals(MALFORMED_UNIT));
    }

    private Edit status(SplittableRandom rnd, StudentRecord before) {
        EnrolmentStatus status = EnrolmentStatus.values()[rnd.nextInt(EnrolmentStatus.values().length)];
        LocalDate enrolled = before.profile().enrolmentDate();
        LocalDate leaving = switch (rnd.nextInt(3)) {
            case 0 -> null;
            case 1 -> enrolled.plusDays(1 + rnd.nextInt(300));
            default -> enrolled.minusDays(1 + rnd.nextInt(300));
        };
        String json = "{\"profile\":{\"status\":\"" + status + "\",\"leavingDate\":"
                + (leaving == null ? "null" : "\"" + leaving + "\"") + "}}";
        return new Edit(json, EnumSet.of(FieldGroup.PROFILE), r -> withProfile(r, p -> new Profile(p.studentNumber(),
                p.name(), p.gender(), status, p.unit(), p.enrolmentDate(), leaving)), true);
    }

    private Edit nativePlace(SplittableRandom rnd) {
        String code = counties.get(rnd.nextInt(counties.size()));
        return new Edit("{\"identity\":{\"nativePlace\":{\"code\":\"" + code + "\",\"name\":null}}}",
                EnumSet.of(FieldGroup.IDENTITY), r -> new StudentRecord(r.profile(), new Identity(
                        r.identity().residentIdNumber(), r.identity().dateOfBirth(), new NativePlace(code, null)),
                        r.contact(), r.guardians()), true);
    }

    /** A date of birth that disagrees with the resident ID number: always invalid. */
    private static Edit birthDate(StudentRecord before) {
        LocalDate other = before.identity().dateOfBirth().plusDays(1);
        return new Edit("{\"identity\":{\"dateOfBirth\":\"" + other + "\"}}", EnumSet.of(FieldGroup.IDENTITY),
                r -> r, false);
    }

    private static Edit phone(SplittableRandom rnd) {
        boolean valid = rnd.nextInt(4) != 0;
        String phone = valid ? "139" + String.format(Locale.ROOT, "%08d", rnd.nextInt(100_000_000)) : "12345";
        return new Edit("{\"contact\":{\"mobilePhone\":\"" + phone + "\"}}", EnumSet.of(FieldGroup.CONTACT),
                r -> new StudentRecord(r.profile(), r.identity(), new Contact(phone, r.contact().email(),
                        r.contact().homeAddress()), r.guardians()), valid);
    }

    private static Edit guardian(SplittableRandom rnd) {
        String phone = "138" + String.format(Locale.ROOT, "%08d", rnd.nextInt(100_000_000));
        String name = "监护人" + rnd.nextInt(1000);
        return new Edit("{\"guardians\":[{\"name\":\"" + name + "\",\"relationship\":\"MOTHER\",\"phone\":\"" + phone
                + "\",\"emergencyContact\":true}]}", EnumSet.of(FieldGroup.GUARDIANS),
                r -> new StudentRecord(r.profile(), r.identity(), r.contact(), List.of(new edu.studentrecords.store.model
                        .Guardian(name, edu.studentrecords.store.model.Relationship.MOTHER, phone, true))), true);
    }

    private static Edit name(SplittableRandom rnd) {
        String name = "学生" + rnd.nextInt(10_000);
        return new Edit("{\"profile\":{\"name\":\"" + name + "\"}}", EnumSet.of(FieldGroup.PROFILE),
                r -> withProfile(r, p -> new Profile(p.studentNumber(), name, p.gender(), p.status(), p.unit(),
                        p.enrolmentDate(), p.leavingDate())), true);
    }

    /** Two edits in one patch: the JSON objects merged, both applied, valid when both are. */
    private static Edit combine(Edit a, Edit b) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            com.fasterxml.jackson.databind.node.ObjectNode merged =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(a.json());
            json.readerForUpdating(merged).readValue(b.json());
            Set<FieldGroup> groups = EnumSet.copyOf(a.groups());
            groups.addAll(b.groups());
            return new Edit(json.writeValueAsString(merged), groups, r -> b.apply().apply(a.apply().apply(r)),
                    a.validByConstruction() && b.validByConstruction());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static StudentRecord withProfile(StudentRecord r, java.util.function.UnaryOperator<Profile> change) {
        return new StudentRecord(change.apply(r.profile()), r.identity(), r.contact(), r.guardians());
    }

    private static StudentRecord content(RecordView view) {
        return new StudentRecord(view.profile(), view.identity(), view.contact(), view.guardians());
    }

    // ----- callers

    private List<Caller> callers() {
        Set<String> reads = readScopes();
        Set<String> all = Principals.allScopes();
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("admin", admin(false), Caller.Kind.ADMIN, List.of(), true));
        callers.add(new Caller("admin under impersonation", admin(true), Caller.Kind.ADMIN, List.of(), true));
        callers.add(new Caller("physics teacher", person(RealmRole.STAFF, all, "teaching", "science/physics"),
                Caller.Kind.STAFF, List.of("science/physics"), true));
        callers.add(new Caller("physics teacher reading only", person(RealmRole.STAFF, reads, "teaching",
                "science/physics"), Caller.Kind.STAFF, List.of("science/physics"), false));
        callers.add(new Caller("history teacher", person(RealmRole.STAFF, all, "student-services", "arts/history"),
                Caller.Kind.STAFF, List.of("arts/history"), true));
        callers.add(new Caller("science application", AccessContext.builder().serviceAccount(true)
                .clientId("science-app").clientTrust(ClientTrust.INTERNAL).scopes(all)
                .clientUnits(Set.of(UnitPath.parse("science"))).purpose("teaching")
                .realmPurposes(Principals.REALM_PURPOSES).clientPurposes(Set.of("teaching"))
                .unitDirectory(REALM_UNITS).now(Instant.now()).build(), Caller.Kind.CLIENT, List.of("science"), true));
        callers.add(new Caller("supervisor", person(RealmRole.SUPERVISOR, all, "administration", "science"),
                Caller.Kind.SUPERVISOR, List.of(), false));
        callers.add(new Caller("student at /records", person(RealmRole.STUDENT, all, "student-services", "science"),
                Caller.Kind.STUDENT_AT_RECORDS, List.of(), false));
        for (String owner : owners.values()) {
            callers.add(new Caller("student " + owner, AccessContext.builder().subject(owner)
                    .clientId("account-console").clientTrust(ClientTrust.INTERNAL).scopes(Set.of("student.self"))
                    .roles(Set.of("student")).selfService(true).unitDirectory(REALM_UNITS).now(Instant.now()).build(),
                    Caller.Kind.SELF, List.of(), true));
        }
        return callers;
    }

    private String ownRecordOf(Caller caller) {
        return owners.entrySet().stream().filter(e -> e.getValue().equals(caller.ctx().subject())).findFirst()
                .orElseThrow().getKey();
    }

    private static Set<String> readScopes() {
        Set<String> scopes = new java.util.HashSet<>();
        FieldGroup.ALL.forEach(g -> scopes.add(g.readScope()));
        return scopes;
    }

    private static AccessContext admin(boolean impersonated) {
        return AccessContext.builder().subject(UUID.randomUUID().toString()).clientId("campus-portal")
                .clientTrust(ClientTrust.INTERNAL).scopes(Principals.allScopes()).roles(Set.of("records-admin"))
                .purpose("administration").realmPurposes(Principals.REALM_PURPOSES)
                .clientPurposes(Set.of("teaching", "administration", "student-services"))
                .impersonator(impersonated ? "master-admin" : null).unitDirectory(REALM_UNITS).now(Instant.now())
                .build();
    }

    private static AccessContext person(RealmRole role, Set<String> scopes, String purpose, String unit) {
        return AccessContext.builder().subject(UUID.randomUUID().toString()).clientId("campus-portal")
                .clientTrust(ClientTrust.INTERNAL).scopes(scopes).roles(Set.of(role.roleName()))
                .units(Set.of(UnitPath.parse(unit))).purpose(purpose).realmPurposes(Principals.REALM_PURPOSES)
                .clientPurposes(Set.of("teaching", "administration", "student-services"))
                .unitDirectory(REALM_UNITS).now(Instant.now()).build();
    }
}
