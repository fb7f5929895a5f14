package edu.studentrecords.store.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The administrative-division codes (GB/T 2260: provinces, prefectures, counties) a native place may
 * name, with their names. The list ships as {@code division-codes.tsv} beside this class, generated from
 * a published data package by {@code records-store/tools/division-codes}; it is read once, on first use.
 *
 * <p>Thread-safe. Codes are six ASCII digits; a province ends in {@code 0000}, a prefecture in {@code 00}.
 */
public final class DivisionCodes {

    private static final String RESOURCE = "division-codes.tsv";

    private DivisionCodes() {
    }

    /** Whether {@code code} is in the list; {@code false} for {@code null}. */
    public static boolean contains(String code) {
        return code != null && Loaded.CODES.containsKey(code);
    }

    /** The name the list gives {@code code}, e.g. {@code 东城区} for {@code 110101}. */
    public static Optional<String> nameOf(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(Loaded.CODES.get(code));
    }

    /** Every code with its name, sorted by code. Unmodifiable. */
    public static NavigableMap<String, String> all() {
        return Loaded.CODES;
    }

    /** Lazy holder: the class loader runs {@link #load()} once, on first use, safely published. */
    private static final class Loaded {
        static final NavigableMap<String, String> CODES = load();
    }

    private static NavigableMap<String, String> load() {
        InputStream in = DivisionCodes.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        TreeMap<String, String> codes = new TreeMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String code = tab < 0 ? "" : line.substring(0, tab);
                if (!code.matches("[0-9]{6}") || tab == line.length() - 1) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNumber + " is not code<TAB>name");
                }
                codes.put(code, line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return Collections.unmodifiableNavigableMap(codes);
    }
}
