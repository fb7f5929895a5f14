package edu.studentrecords.search;

import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.Gender;
import edu.studentrecords.store.model.Profile;
import java.time.LocalDate;
import java.util.Random;

/** Generated profiles: made-up names and numbers, nothing of a real person. */
final class Profiles {

    static final String[] UNITS = {"science/physics/2024-1", "science/physics/2024-2", "science/chemistry/2024-1",
        "arts/history/2023-1", "arts/literature/2024-1", "engineering/software/2022-1"};
    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
        "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "慧", "鑫", "宇", "浩", "欣", "悦"};
    private static final EnrolmentStatus[] STATUSES = EnrolmentStatus.values();

    private final Random random;

    Profiles(long seed) {
        this.random = new Random(seed);
    }

    static Profile of(String number, String name, String unit, EnrolmentStatus status) {
        return new Profile(number, name, Gender.FEMALE, status, unit, LocalDate.of(2024, 9, 1), null);
    }

    String name() {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
    }

    Profile next(int serial) {
        EnrolmentStatus status = random.nextInt(10) < 7 ? EnrolmentStatus.ENROLLED : STATUSES[random.nextInt(STATUSES.length)];
        return of(String.format("G%09d", serial), name(), UNITS[random.nextInt(UNITS.length)], status);
    }
}
