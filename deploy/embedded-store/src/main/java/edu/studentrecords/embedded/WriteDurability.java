package edu.studentrecords.embedded;

import java.util.Locale;

/**
 * When the embedded store acknowledges a write, relative to when that write is on disk.
 *
 * <p>The option value on the command line is the lower-case constant name ({@code --durability commit}).
 */
public enum WriteDurability {

    /**
     * The stock behaviour of the H2 backend: the store file is written about once a second in the
     * background, so a killed process loses the writes it acknowledged since. For measurement and for
     * proving that the durability tests can fail; never for data anyone needs.
     */
    NONE,

    /**
     * Every acknowledged write has been handed to the operating system before the reply is sent, so it
     * survives a crash or {@code kill -9} of the store process, but not a power loss. The default.
     */
    COMMIT,

    /**
     * Like {@link #COMMIT}, and the store file is also forced to the device before the reply is sent,
     * so acknowledged writes survive a power loss.
     */
    FSYNC;

    /** The spelling used on the command line. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the command-line spelling.
     *
     * @throws IllegalArgumentException if {@code value} is not one of {@code none}, {@code commit}, {@code fsync}
     */
    static WriteDurability fromOptionValue(String value) {
        for (WriteDurability durability : values()) {
            if (durability.optionValue().equals(value)) {
                return durability;
            }
        }
        throw new IllegalArgumentException("unknown durability '" + value + "' (expected commit or fsync)");
    }
}
