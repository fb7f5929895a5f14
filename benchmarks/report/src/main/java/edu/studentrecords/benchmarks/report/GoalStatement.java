package edu.studentrecords.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the goals out of a paragraph that states them, in the phrasing the results files use:
 * {@code Goal: rebuild at least 0.5x raw: **met**.}, several at once
 * {@code Goals: scoped p99 under 20 ms: **met**; at most 1.5x raw: **not met**.}, with how much in brackets
 * {@code Goal: ... at 4 client threads: **not met** (0.48x; p50 1.89x).}, or {@code Target ...: not met (6.15).}
 */
final class GoalStatement {

    private static final Pattern OPENING = Pattern.compile("^(?:Goals?|Targets?)\\b\\s*:?\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern VERDICT = Pattern.compile(":\\s*(not met|met)\\b");
    private static final Pattern MARGIN = Pattern.compile("^\\s*\\(([^)]*)\\)");

    private GoalStatement() {
    }

    /** Whether a paragraph's plain text states goals. */
    static boolean states(String text) {
        return OPENING.matcher(text.strip()).matches() && text.matches("(?s).*:\\s*\\**(not met|met)\\b.*");
    }

    /** The goals a paragraph (its Markdown) states, in order; none when it states none. */
    static List<Goal> read(String markdown) {
        String text = markdown.replace("**", "").replace("__", "").replaceAll("\\s+", " ").strip();
        Matcher opening = OPENING.matcher(text);
        if (!opening.matches()) {
            return List.of();
        }
        List<Goal> goals = new ArrayList<>();
        for (String item : splitOutsideBrackets(opening.group(1))) {
            // The last verdict of the item counts, so that a colon among the goal's own words stays in them.
            Matcher verdict = VERDICT.matcher(item);
            int at = -1;
            while (verdict.find()) {
                at = verdict.start();
            }
            if (at >= 0 && verdict.find(at)) {
                Matcher margin = MARGIN.matcher(item.substring(verdict.end()));
                goals.add(new Goal(unquote(item.substring(0, at).strip()), verdict.group(1).equals("met"),
                    margin.find() ? margin.group(1).strip() : ""));
            }
        }
        return List.copyOf(goals);
    }

    private static String unquote(String description) {
        if (description.length() > 1 && description.startsWith("\"") && description.endsWith("\"")) {
            return description.substring(1, description.length() - 1);
        }
        return description;
    }

    /** Splits at semicolons that are not inside brackets or code spans. */
    private static List<String> splitOutsideBrackets(String text) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean code = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                code = !code;
            } else if (!code && c == '(') {
                depth++;
            } else if (!code && c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (!code && depth == 0 && c == ';') {
                items.add(text.substring(start, i));
                start = i + 1;
            }
        }
        items.add(text.substring(start));
        return items;
    }
}
