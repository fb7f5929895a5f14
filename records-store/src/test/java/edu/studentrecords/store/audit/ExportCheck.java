package edu.studentrecords.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Checks an exported epoch away from the product, with the public key alone: both signatures, the digest of the
 * lines, and that the entries run unbroken from the checkpoint's previous hash to its head hash.
 */
final class ExportCheck {

    /** What a checked export holds. */
    record Checked(JsonNode checkpoint, List<JsonNode> entries, String text) {
    }

    private ExportCheck() {
    }

    /** The export's contents if it checks out; throws AssertionError naming what does not. */
    static Checked check(InputStream gzip, PublicKey key) throws Exception {
        byte[] raw;
        try (InputStream in = new GZIPInputStream(gzip)) {
            raw = in.readAllBytes();
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        int lastStart = text.lastIndexOf('\n', text.length() - 2) + 1;
        JsonNode signature = TestSigner.verified(TestSigner.JSON.readTree(lines[lines.length - 1]).path("signature")
                .asText(), key);
        if (signature == null) {
            throw new AssertionError("the export's signature does not verify");
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(raw, 0, lastStart);
        if (!HexFormat.of().formatHex(sha256.digest()).equals(signature.path("sha256").asText())) {
            throw new AssertionError("the export's lines are not what was signed");
        }
        JsonNode checkpoint = TestSigner.verified(TestSigner.JSON.readTree(lines[0]).path("checkpoint").asText(), key);
        if (checkpoint == null) {
            throw new AssertionError("the export's checkpoint does not verify");
        }
        List<JsonNode> entries = new ArrayList<>();
        String previous = checkpoint.path("previousHash").asText();
        long sequence = checkpoint.path("firstSequence").asLong();
        for (int i = 1; i < lines.length - 1; i++) {
            JsonNode entry = TestSigner.JSON.readTree(lines[i]);
            if (entry.path("sequence").asLong() != sequence++ || !entry.path("previousHash").asText().equals(previous)) {
                throw new AssertionError("the chain breaks at line " + (i + 1));
            }
            previous = entry.path("hash").asText();
            entries.add(entry);
        }
        if (!previous.equals(checkpoint.path("headHash").asText())
                || entries.size() != checkpoint.path("entryCount").asLong()
                || entries.size() != signature.path("entries").asLong()) {
            throw new AssertionError("the export does not end at the checkpoint's head");
        }
        return new Checked(checkpoint, entries, text);
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
