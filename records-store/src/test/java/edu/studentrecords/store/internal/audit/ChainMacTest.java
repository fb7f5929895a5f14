package edu.studentrecords.store.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEvent;
import edu.studentrecords.store.audit.AuditEventBuilder;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.model.FieldGroup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChainMacTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant TIME = Instant.parse("2025-09-01T08:00:00.123Z");
    private final ChainMac mac = new ChainMac(KEY);

    private static AuditEntry entry(String subject, String clientId, List<String> recordIds) {
        AuditEvent event = AuditEventBuilder.builder().subject(subject).clientId(clientId).recordIds(recordIds)
                .groups(Set.of(FieldGroup.CONTACT, FieldGroup.PROFILE)).operation("READ")
                .decision(Decision.ALLOW).build();
        return AuditEntry.of(7, TIME, event, AuditEntry.GENESIS_HASH, "");
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(mac.hashOf(entry("ab", "c", List.of()))).isNotEqualTo(mac.hashOf(entry("a", "bc", List.of())));
        assertThat(mac.hashOf(entry("x", "c", List.of("ab", "c"))))
                .isNotEqualTo(mac.hashOf(entry("x", "c", List.of("a", "bc"))));
        assertThat(mac.hashOf(entry("x", "c", List.of("a", "b"))))
                .isNotEqualTo(mac.hashOf(entry("x", "c", List.of("b", "a"))));
    }

    @Test
    void nullAndEmptyDiffer() {
        assertThat(mac.hashOf(entry(null, "c", List.of()))).isNotEqualTo(mac.hashOf(entry("", "c", List.of())));
    }

    @Test
    void hashDependsOnKeyAndIsStable() {
        AuditEntry entry = entry("user", "client", List.of("r1"));
        assertThat(mac.hashOf(entry)).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(new ChainMac(KEY).hashOf(entry));
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThat(new ChainMac(otherKey).hashOf(entry)).isNotEqualTo(mac.hashOf(entry));
    }

    @Test
    void hashIgnoresTheStoredHashButCoversTheLink() {
        AuditEntry entry = entry("user", "client", List.of());
        AuditEntry sealed = AuditEntry.of(7, TIME, entry.event(), AuditEntry.GENESIS_HASH, mac.hashOf(entry));
        assertThat(mac.hashOf(sealed)).isEqualTo(sealed.hash());
        AuditEntry relinked = AuditEntry.of(7, TIME, entry.event(), "1".repeat(64), "");
        assertThat(mac.hashOf(relinked)).isNotEqualTo(sealed.hash());
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new ChainMac(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
