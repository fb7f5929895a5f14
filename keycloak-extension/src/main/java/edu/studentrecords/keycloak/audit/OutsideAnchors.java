package edu.studentrecords.keycloak.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.studentrecords.keycloak.spi.AuditTrailOptions;
import edu.studentrecords.store.audit.AuditEpochs;
import edu.studentrecords.store.audit.ExternalAnchor;
import edu.studentrecords.store.audit.SealedEpoch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * The audit trail's anchors kept where whoever can write the record store cannot rewrite them with the chain: in
 * Keycloak's own database (realm attributes {@code student-records.audit.checkpoint}, the last sealed checkpoint, and
 * {@code student-records.audit.head}, the last anchored head) and in an append-only file on this node
 * ({@code <audit-anchor-dir>/<realm>.anchors.jsonl}, one line per checkpoint and per head mark). A fresh verify reads
 * both back and the store compares them with the chain.
 */
public final class OutsideAnchors {

    static final String CHECKPOINT_ATTRIBUTE = "student-records.audit.checkpoint";
    static final String HEAD_ATTRIBUTE = "student-records.audit.head";
    static final String KEYCLOAK_DATABASE = "keycloak-database";
    static final String NODE_FILE = "node-file";

    private static final Logger LOG = Logger.getLogger(OutsideAnchors.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAIL_BYTES = 1 << 20;

    private final RealmModel realm;
    private final Path file;

    public OutsideAnchors(RealmModel realm, AuditTrailOptions options) {
        this.realm = realm;
        this.file = options.anchorDir().resolve(AuditTrailOptions.realmFolder(realm.getId()) + ".anchors.jsonl");
    }

    /** Writes every sealed epoch not yet anchored here, and the store's head, to both places. */
    public void record(AuditEpochs epochs) {
        List<SealedEpoch> sealed = epochs.sealed();
        List<JsonNode> lines = lines();
        long lastEpochInFile = 0;
        long lastHeadInFile = 0;
        for (JsonNode line : lines) {
            if ("checkpoint".equals(line.path("kind").asText())) {
                lastEpochInFile = Math.max(lastEpochInFile, line.path("epoch").asLong());
            }
            lastHeadInFile = Math.max(lastHeadInFile, line.path("sequence").asLong());
        }
        List<String> append = new ArrayList<>();
        for (SealedEpoch epoch : sealed) {
            if (epoch.id() > lastEpochInFile) {
                append.add(line("checkpoint", epoch.id(), epoch.checkpoint().lastSequence(),
                        epoch.checkpoint().headHash()));
            }
        }
        ExternalAnchor head = epochs.head(NODE_FILE);
        if (head != null && head.sequence() > lastHeadInFile) {
            append.add(line("head", null, head.sequence(), head.hash()));
        }
        appendLines(append);
        if (!sealed.isEmpty()) {
            SealedEpoch last = sealed.get(sealed.size() - 1);
            ExternalAnchor stored = fromAttribute(CHECKPOINT_ATTRIBUTE);
            if (stored == null || stored.epoch() == null || stored.epoch() < last.id()) {
                realm.setAttribute(CHECKPOINT_ATTRIBUTE, line("checkpoint", last.id(),
                        last.checkpoint().lastSequence(), last.checkpoint().headHash()));
            }
        }
        ExternalAnchor storedHead = fromAttribute(HEAD_ATTRIBUTE);
        if (head != null && (storedHead == null || storedHead.sequence() < head.sequence())) {
            realm.setAttribute(HEAD_ATTRIBUTE, line("head", null, head.sequence(), head.hash()));
        }
    }

    /** The anchors as both places hold them now: the last checkpoint and the furthest head of each. */
    public List<ExternalAnchor> read() {
        List<ExternalAnchor> anchors = new ArrayList<>();
        ExternalAnchor checkpoint = fromAttribute(CHECKPOINT_ATTRIBUTE);
        ExternalAnchor head = fromAttribute(HEAD_ATTRIBUTE);
        if (checkpoint != null) {
            anchors.add(checkpoint);
        }
        if (head != null) {
            anchors.add(head);
        }
        JsonNode lastCheckpoint = null;
        JsonNode furthest = null;
        for (JsonNode line : lines()) {
            if ("checkpoint".equals(line.path("kind").asText())
                    && (lastCheckpoint == null || line.path("epoch").asLong() > lastCheckpoint.path("epoch").asLong())) {
                lastCheckpoint = line;
            }
            if (furthest == null || line.path("sequence").asLong() > furthest.path("sequence").asLong()) {
                furthest = line;
            }
        }
        if (lastCheckpoint != null) {
            anchors.add(anchor(NODE_FILE, lastCheckpoint));
        }
        if (furthest != null && furthest != lastCheckpoint) {
            anchors.add(anchor(NODE_FILE, furthest));
        }
        return anchors;
    }

    private ExternalAnchor fromAttribute(String name) {
        String value = realm.getAttribute(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return anchor(KEYCLOAK_DATABASE, JSON.readTree(value));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The realm attribute %s does not hold an audit anchor", name);
            return null;
        }
    }

    private static ExternalAnchor anchor(String place, JsonNode line) {
        JsonNode epoch = line.path("epoch");
        return new ExternalAnchor(place, line.path("sequence").asLong(), line.path("hash").asText(),
                epoch.isNumber() ? epoch.asLong() : null);
    }

    private static String line(String kind, Long epoch, long sequence, String hash) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", kind);
        line.put("epoch", epoch);
        line.put("sequence", sequence);
        line.put("hash", hash);
        line.put("time", java.time.Instant.now().toString());
        try {
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The whole lines of the file's last {@value #TAIL_BYTES} bytes: the file only grows, in sequence order, and a
     * checkpoint is written at least daily, so its tail holds the last checkpoint and the furthest head.
     */
    private List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(TAIL_BYTES, length);
            byte[] tail = new byte[size];
            raf.seek(length - size);
            raf.readFully(tail);
            String[] texts = new String(tail, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < texts.length; i++) {
                if (i == 0 && size < length || texts[i].isBlank()) {
                    continue;
                }
                try {
                    lines.add(JSON.readTree(texts[i]));
                } catch (IOException partial) {
                    // A line cut short by a crash: the next line written anchors again.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private void appendLines(List<String> append) {
        if (append.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder();
            append.forEach(line -> text.append(line).append('\n'));
            try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                var buffer = java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
