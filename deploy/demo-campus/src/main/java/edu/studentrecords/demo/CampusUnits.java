package edu.studentrecords.demo;

import java.util.List;

/** The demo campus's organisational units: faculty/department/class, as the store's unit paths. */
final class CampusUnits {

    /** Alice's class: the one unit Carol teaches. */
    static final String ALICE_CLASS = "science/physics/2024-1";
    /** Bob's class, in another faculty, so that Carol cannot see Bob. */
    static final String BOB_CLASS = "arts/history/2023-1";

    /** Every class, in a fixed order; students are spread over them round-robin. */
    static final List<String> CLASSES = List.of(
            ALICE_CLASS, "science/physics/2024-2", "science/chemistry/2023-1", "science/chemistry/2024-1",
            "science/mathematics/2024-1",
            BOB_CLASS, "arts/history/2024-1", "arts/literature/2023-1", "arts/literature/2024-1",
            "engineering/software/2023-1", "engineering/software/2024-1", "engineering/civil/2024-1",
            "medicine/nursing/2023-1", "medicine/nursing/2024-1", "medicine/pharmacy/2024-1");

    private CampusUnits() {
    }

    /** The enrolment year a class name starts with, e.g. 2024 for {@code science/physics/2024-1}. */
    static int enrolmentYear(String unit) {
        String className = unit.substring(unit.lastIndexOf('/') + 1);
        return Integer.parseInt(className.substring(0, 4));
    }
}
