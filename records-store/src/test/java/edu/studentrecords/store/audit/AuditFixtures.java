package edu.studentrecords.store.audit;

import edu.studentrecords.store.model.FieldGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Keys, clocks and events for audit tests. */
final class AuditFixtures {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private AuditFixtures() {
    }

    /** A read of one record by a member of staff. */
    static AuditEvent read(String recordId) {
        return AuditEventBuilder.builder()
                .subject("user-1")
                .clientId("registry-portal")
                .purpose("enrolment")
                .recordId(recordId)
                .groups(EnumSet.of(FieldGroup.PROFILE, FieldGroup.CONTACT))
                .operation("READ")
                .decision(Decision.ALLOW)
                .build();
    }

    /** A varied event: reads, denials, searches over several records. */
    static AuditEvent random(Random random, int records) {
        AuditEventBuilder builder = AuditEventBuilder.builder()
                .subject(random.nextInt(5) == 0 ? null : "user-" + random.nextInt(20))
                .clientId("client-" + random.nextInt(4))
                .purpose(random.nextBoolean() ? "enrolment" : null)
                .grantId(random.nextInt(6) == 0 ? "grant-" + random.nextInt(3) : null);
        EnumSet<FieldGroup> groups = EnumSet.noneOf(FieldGroup.class);
        for (FieldGroup group : FieldGroup.values()) {
            if (random.nextBoolean()) {
                groups.add(group);
            }
        }
        builder.groups(groups);
        if (random.nextInt(4) == 0) {
            return builder.operation("SEARCH").decision(Decision.ALLOW)
                    .recordIds(List.of("rec-" + random.nextInt(records), "rec-" + random.nextInt(records)))
                    .build();
        }
        boolean deny = random.nextInt(3) == 0;
        return builder.operation(random.nextBoolean() ? "READ" : "UPDATE")
                .recordId("rec-" + random.nextInt(records))
                .decision(deny ? Decision.DENY : Decision.ALLOW)
                .reason(deny ? "NO_SCOPE" : null)
                .build();
    }

    /** A clock that moves one second forward on every reading. */
    static Clock ticking(Instant start) {
        AtomicLong ticks = new AtomicLong();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return start.plus(Duration.ofSeconds(ticks.getAndIncrement()));
            }
        };
    }
}
