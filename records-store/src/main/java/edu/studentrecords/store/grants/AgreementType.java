package edu.studentrecords.store.grants;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a signed agreement may be: a PDF, a PNG or a JPEG file, known by its first bytes (its signature), never by what
 * the uploader says alone. An agreement is kept and served with the media type of its kind.
 */
public enum AgreementType {

    PDF("application/pdf", "pdf", new byte[] {'%', 'P', 'D', 'F', '-'}),
    PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}),
    JPEG("image/jpeg", "jpg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});

    private final String mediaType;
    private final String extension;
    private final byte[] signature;

    AgreementType(String mediaType, String extension, byte[] signature) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.signature = signature;
    }

    /** The media type it is kept and served with, e.g. {@code application/pdf}. */
    public String mediaType() {
        return mediaType;
    }

    /** The extension of a file of this kind, without the dot, e.g. {@code pdf}. */
    public String extension() {
        return extension;
    }

    /** Whether {@code content} starts with this kind's signature. */
    public boolean matches(byte[] content) {
        return content != null && content.length >= signature.length
                && Arrays.equals(content, 0, signature.length, signature, 0, signature.length);
    }

    /**
     * The kind a declared media type names: its type and subtype in any case, parameters such as {@code name=} aside;
     * empty for any other type (or null).
     */
    public static Optional<AgreementType> ofMediaType(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        int parameters = declared.indexOf(';');
        String name = (parameters < 0 ? declared : declared.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.mediaType.equals(name)).findFirst();
    }

    /** The kind whose signature {@code content} starts with, if any. */
    public static Optional<AgreementType> of(byte[] content) {
        return Arrays.stream(values()).filter(type -> type.matches(content)).findFirst();
    }
}
