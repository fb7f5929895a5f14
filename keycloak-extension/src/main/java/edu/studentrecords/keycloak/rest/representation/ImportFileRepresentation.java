package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.store.enrolment.EnrolmentFile;
import edu.studentrecords.store.enrolment.EnrolmentRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /records:import}: a CSV ({@code text/csv}) or NDJSON ({@code application/x-ndjson}) file in
 * UTF-8, at most {@link #MAX_BYTES} bytes and {@link EnrolmentFile#DEFAULT_MAX_ROWS} rows. The column list of the CSV
 * format is in {@code docs/enrolment-import.md} of this module.
 */
public final class ImportFileRepresentation {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    /** Enough for the row cap at about 1.5 KB a row; a larger body is refused before it is parsed. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final String mediaType;

    private ImportFileRepresentation(String mediaType) {
        this.mediaType = mediaType;
    }

    /**
     * The upload of this content type.
     *
     * @throws BadRequest 415 for any other type
     */
    public static ImportFileRepresentation of(jakarta.ws.rs.core.MediaType type) {
        String name = type == null ? "" : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        if (!name.equals(CSV) && !name.equals(NDJSON)) {
            throw new BadRequest(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the file as " + CSV + " or " + NDJSON + ".");
        }
        return new ImportFileRepresentation(name);
    }

    /**
     * Reads the rows of {@code body}.
     *
     * @throws BadRequest 413 when the body is too large, 400 when it is empty or not UTF-8
     */
    public List<EnrolmentRow> rows(InputStream body) {
        String text = utf8(body);
        return mediaType.equals(CSV)
                ? EnrolmentFile.readCsv(new StringReader(text), EnrolmentFile.DEFAULT_MAX_ROWS)
                : EnrolmentFile.readNdjson(new StringReader(text), EnrolmentFile.DEFAULT_MAX_ROWS);
    }

    private static String utf8(InputStream body) {
        if (body == null) {
            throw new BadRequest("The request needs a file as its body.");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = body) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (bytes.size() + read > MAX_BYTES) {
                    throw new BadRequest(ProblemType.PAYLOAD_TOO_LARGE,
                            "An import file may have at most " + MAX_BYTES + " bytes and "
                                    + EnrolmentFile.DEFAULT_MAX_ROWS + " rows; split it.");
                }
                bytes.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading an import body failed", e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("The file is not UTF-8 text.");
        }
    }
}
