package edu.studentrecords.keycloak.rest.representation;

import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.store.enrolment.EnrolmentFile;
import edu.studentrecords.store.enrolment.EnrolmentRow;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /records:import}: a CSV ({@code text/csv}) or NDJSON ({@code application/x-ndjson}) file in
 * UTF-8, at most {@link JsonBodies#MAX_BODY_BYTES} bytes and {@link EnrolmentFile#DEFAULT_MAX_ROWS} rows. The column
 * list of the CSV format is in {@code docs/enrolment-import.md} of this module; each NDJSON line is strict JSON, as
 * every body of the API is.
 */
public final class ImportFileRepresentation {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";

    private final String mediaType;

    private ImportFileRepresentation(String mediaType) {
        this.mediaType = mediaType;
    }

    /**
     * The upload of this content type.
     *
     * @throws BadRequest 415 for none, any other type, or a charset other than UTF-8
     */
    public static ImportFileRepresentation of(jakarta.ws.rs.core.MediaType type) {
        String name = type == null ? "" : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        if (!name.equals(CSV) && !name.equals(NDJSON) || JsonBodies.declaresOtherCharset(type)) {
            throw new BadRequest(ProblemType.UNSUPPORTED_MEDIA_TYPE, "bad.import-type", CSV, NDJSON);
        }
        return new ImportFileRepresentation(name);
    }

    /**
     * Reads the rows of {@code body}.
     *
     * @throws BadRequest 413 when the body is too large, 400 when it is empty or not UTF-8
     */
    public List<EnrolmentRow> rows(InputStream body) {
        byte[] bytes = JsonBodies.bytes(body);
        if (bytes.length == 0) {
            throw new BadRequest("bad.import-body");
        }
        String text = JsonBodies.text(bytes);
        return mediaType.equals(CSV)
                ? EnrolmentFile.readCsv(new StringReader(text), EnrolmentFile.DEFAULT_MAX_ROWS)
                : EnrolmentFile.readNdjson(new StringReader(text), EnrolmentFile.DEFAULT_MAX_ROWS);
    }
}
