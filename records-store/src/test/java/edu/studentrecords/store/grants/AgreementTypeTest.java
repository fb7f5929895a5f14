package edu.studentrecords.store.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An agreement is a PDF, PNG or JPEG file by its first bytes, whatever it is said to be. */
class AgreementTypeTest {

    private static final byte[] PDF = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xdb};

    @Test
    void aFileIsKnownByItsSignature() {
        assertThat(AgreementType.of(PDF)).contains(AgreementType.PDF);
        assertThat(AgreementType.of(PNG)).contains(AgreementType.PNG);
        assertThat(AgreementType.of(JPEG)).contains(AgreementType.JPEG);
        assertThat(AgreementType.of("<html><script>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(AgreementType.of("%PDF".getBytes(StandardCharsets.US_ASCII))).as("cut short").isEmpty();
        assertThat(AgreementType.of(new byte[0])).isEmpty();
        assertThat(AgreementType.of(null)).isEmpty();
        assertThat(AgreementType.PDF.matches(PNG)).isFalse();
    }

    @Test
    void aDeclaredTypeIsReadInAnyCaseWithoutItsParameters() {
        assertThat(AgreementType.ofMediaType("application/pdf")).contains(AgreementType.PDF);
        assertThat(AgreementType.ofMediaType(" IMAGE/JPEG; name=scan.jpg")).contains(AgreementType.JPEG);
        assertThat(AgreementType.ofMediaType("image/png")).contains(AgreementType.PNG);
        assertThat(AgreementType.ofMediaType("text/html")).isEmpty();
        assertThat(AgreementType.ofMediaType("application/pdf\r\nX-Injected: 1")).isEmpty();
        assertThat(AgreementType.ofMediaType("image/jpg")).isEmpty();
        assertThat(AgreementType.ofMediaType(null)).isEmpty();
        assertThat(AgreementType.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(AgreementType.JPEG.extension()).isEqualTo("jpg");
    }
}
