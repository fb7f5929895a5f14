package edu.studentrecords.store.internal.records;

import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.model.StudentRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The unique keys (student number, resident ID number, linked account) that new records enrolled together may not
 * take: those stored records have, read once for all of them, and those the rows before claimed. Not thread-safe.
 */
final class KeysInUse {

    private final RecordLookup lookup;
    private final Set<String> studentNumbers;
    private final Set<String> residentIdKeys;
    private final Set<String> owners;

    private KeysInUse(RecordLookup lookup, Set<String> studentNumbers, Set<String> residentIdKeys,
            Set<String> owners) {
        this.lookup = lookup;
        this.studentNumbers = studentNumbers;
        this.residentIdKeys = residentIdKeys;
        this.owners = owners;
    }

    /**
     * The keys stored records have among those of valid new contents and of the accounts they are to be linked to
     * (null for none).
     */
    static KeysInUse of(RecordLookup lookup, List<StudentRecord> contents, List<String> ownerSubjects) {
        List<String> numbers = new ArrayList<>();
        List<String> residentIds = new ArrayList<>();
        for (StudentRecord content : contents) {
            numbers.add(content.profile().studentNumber());
            residentId(content).map(lookup::residentIdKey).ifPresent(residentIds::add);
        }
        List<String> subjects = ownerSubjects.stream().filter(java.util.Objects::nonNull).toList();
        return new KeysInUse(lookup, new HashSet<>(lookup.studentNumbersTaken(numbers)),
                new HashSet<>(lookup.residentIdKeysTaken(residentIds)), new HashSet<>(lookup.ownersTaken(subjects)));
    }

    /**
     * The field whose key is in use already, or, when none is, empty: the content's keys are then claimed for it, so
     * that no later row takes them.
     */
    Optional<String> claim(StudentRecord content, String ownerSubject) {
        String number = content.profile().studentNumber();
        Optional<String> residentIdKey = residentId(content).map(lookup::residentIdKey);
        if (studentNumbers.contains(number)) {
            return Optional.of("profile.studentNumber");
        }
        if (residentIdKey.isPresent() && residentIdKeys.contains(residentIdKey.get())) {
            return Optional.of("identity.residentIdNumber");
        }
        if (ownerSubject != null && owners.contains(ownerSubject)) {
            return Optional.of("owner");
        }
        studentNumbers.add(number);
        residentIdKey.ifPresent(residentIdKeys::add);
        if (ownerSubject != null) {
            owners.add(ownerSubject);
        }
        return Optional.empty();
    }

    private static Optional<String> residentId(StudentRecord content) {
        return Optional.ofNullable(content.identity()).map(identity -> identity.residentIdNumber());
    }
}
