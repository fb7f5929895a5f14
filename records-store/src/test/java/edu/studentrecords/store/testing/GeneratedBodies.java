package edu.studentrecords.store.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Request bodies a careless or hostile client sends, made from valid ones: cut short, with text after them, a key
 * twice, nested deep, values of the wrong type, huge numbers, strings with control characters, bidirectional overrides
 * or unpaired surrogates, fields nobody asked for, bytes that are not UTF-8. Some bodies are left valid, or changed in
 * ways that keep them valid, so that both answers (refused, accepted) are seen. Seeded: one seed gives one sequence of
 * bodies, so a failure is replayed by its seed. Not thread-safe.
 */
public final class GeneratedBodies {

    /** Characters a string value may be given: what text must refuse, and what it must take. */
    private static final String[] CHARACTERS = {
        "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\t", "\n", "\r\n", "\u2028", "\u2029",
        "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
        "\ud800", "\udfff", "\ufeff", "\ufffe", "\uffff", "\u200b", "\u200d", "\u0301",
        "王", "欧阳", "é", "ß", "Ω", "\ud83d\ude00", "'", "\"", "\\", "<script>", "%s", "${x}", " "};
    /** Values of another type than the one a field has. */
    private static final String[] OTHER_TYPES = {
        "\"text\"", "\"\"", "\" \"", "0", "-1", "1.5", "true", "false", "null", "{}", "[]", "[1,2]", "{\"x\":1}",
        "[null]", "[\"a\",null]", "\"2024-02-30\"", "\"9999-99-99\"", "\"P1D\""};
    /** Numbers a parser must not trip over. */
    private static final String[] NUMBERS = {
        "1e999999", "-1e999999", "1e-999999", "1E400", "123456789012345678901234567890", "9223372036854775808",
        "-9223372036854775809", "2147483648", "-0", "0.000000001", "1" + "0".repeat(1200), "1e2147483648"};
    /** Text after a complete document. */
    private static final String[] TRAILING = {" xyz", "{}", "]", "}", ",", "\u0000", "\n{}", " null", "//", "#"};
    /** Byte sequences that are not UTF-8: stray continuation, overlong, encoded surrogate, cut short, too long. */
    private static final byte[][] NOT_UTF8 = {
        {(byte) 0xff}, {(byte) 0xfe}, {(byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xc3}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
    private static final int[] DEPTHS = {2, 16, 30, 31, 32, 33, 40, 64, 1200, 1500};
    /** Changes are made this deep at most; below it, a deeply nested value is left as it is. */
    private static final int REACH = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SplittableRandom random;

    public GeneratedBodies(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * One body made from {@code valid} (a JSON object): mostly with one to three changes, sometimes as it is.
     *
     * @param valid a body the reader accepts
     */
    public Body next(String valid) {
        Root tree = new Root(Node.of(read(valid)));
        List<String> changes = new ArrayList<>();
        int roll = random.nextInt(100);
        if (roll < 8) {
            changes.add("as sent");
        } else if (roll < 14) {
            changes.add("white space around");
            return new Body(changes, bytes("\n\t " + tree.render() + " \r\n"));
        } else {
            int structural = roll < 80 ? 1 + random.nextInt(3) : 0;
            for (int i = 0; i < structural; i++) {
                changes.add(changeTree(tree));
            }
        }
        byte[] bytes = bytes(tree.render());
        if (roll >= 60) {
            int count = 1 + random.nextInt(2);
            for (int i = 0; i < count; i++) {
                Changed changed = changeBytes(bytes);
                bytes = changed.bytes();
                changes.add(changed.change());
            }
        }
        return new Body(changes, bytes);
    }

    /** One change somewhere in the tree; what it was and where. */
    private String changeTree(Root tree) {
        List<Slot> slots = new ArrayList<>();
        slots.add(new Slot("$", tree.node, node -> tree.node = node));
        tree.node.slots("$", REACH, slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(12)) {
            case 0:
                slot.set.accept(new Leaf(pick(OTHER_TYPES)));
                return "another type at " + slot.path;
            case 1:
                slot.set.accept(new Leaf(pick(NUMBERS)));
                return "a huge or odd number at " + slot.path;
            case 2:
                slot.set.accept(new Leaf(quote(withCharacter(slot.text()), random.nextBoolean())));
                return "an odd character at " + slot.path;
            case 3:
                slot.set.accept(new Leaf(quote("x".repeat(pick(new int[] {65, 201, 1001, 70_000})), false)));
                return "a long string at " + slot.path;
            case 4:
                // One deep nesting per body: deeper bodies say nothing new, and a tree that deep is costly to walk.
                slot.set.accept(nested(slot.value, tree.node.depth(REACH) < REACH ? pick(DEPTHS) : 2));
                return "deep nesting at " + slot.path;
            case 5:
                slot.set.accept(new Leaf("null"));
                return "null at " + slot.path;
            case 6:
                Obj withDuplicate = tree.node.someObject(random);
                if (withDuplicate != null && !withDuplicate.fields.isEmpty()) {
                    Field twice = withDuplicate.fields.get(random.nextInt(withDuplicate.fields.size()));
                    Node value = random.nextBoolean() ? twice.value : new Leaf(pick(OTHER_TYPES));
                    withDuplicate.fields.add(random.nextInt(withDuplicate.fields.size() + 1), new Field(twice.name, value));
                    return "a key twice";
                }
                return "no object for a key twice";
            case 7:
                Obj extended = tree.node.someObject(random);
                if (extended != null) {
                    String name = random.nextBoolean() ? pick(new String[] {"extra", "__proto__", "constructor", "$where",
                        "", "id", "version"}) : withCharacter("field");
                    extended.fields.add(new Field(name, new Leaf(pick(OTHER_TYPES))));
                    return "a field nobody asked for";
                }
                return "no object for an extra field";
            case 8:
                Obj shortened = tree.node.someObject(random);
                if (shortened != null && !shortened.fields.isEmpty()) {
                    shortened.fields.remove(random.nextInt(shortened.fields.size()));
                    return "a field left out";
                }
                return "no field to leave out";
            case 9:
                slot.set.accept(slot.value instanceof Arr ? new Arr(new ArrayList<>()) : new Obj(new ArrayList<>()));
                return "an empty container at " + slot.path;
            case 10:
                List<Node> items = new ArrayList<>();
                int count = pick(new int[] {1, 2, 11, 101});
                Node item = slot.value instanceof Leaf ? slot.value : new Obj(new ArrayList<>());
                for (int i = 0; i < count; i++) {
                    items.add(random.nextInt(4) == 0 ? new Leaf("null") : item);
                }
                slot.set.accept(new Arr(items));
                return "a list at " + slot.path;
            default:
                slot.set.accept(new Leaf(quote(slot.text() + pick(CHARACTERS) + slot.text(), false)));
                return "a string with an odd character at " + slot.path;
        }
    }

    /** One change of the bytes: cut, text after, bytes that are not UTF-8, a byte flipped, a byte order mark, none. */
    private Changed changeBytes(byte[] bytes) {
        switch (random.nextInt(7)) {
            case 0:
                return new Changed("cut short", java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length))));
            case 1:
                String after = random.nextInt(4) == 0 ? new String(bytes, StandardCharsets.UTF_8) : pick(TRAILING);
                return new Changed("text after it", concat(bytes, bytes(after)));
            case 2:
            case 3:
                int at = random.nextInt(bytes.length + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(bytes, 0, at);
                out.writeBytes(NOT_UTF8[random.nextInt(NOT_UTF8.length)]);
                out.write(bytes, at, bytes.length - at);
                return new Changed("bytes that are not UTF-8", out.toByteArray());
            case 4:
                byte[] flipped = bytes.clone();
                if (flipped.length > 0) {
                    flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                }
                return new Changed("a byte changed", flipped);
            case 5:
                return new Changed("a byte order mark", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, bytes));
            default:
                return new Changed("no body", new byte[0]);
        }
    }

    private Node nested(Node inner, int depth) {
        Node node = inner;
        boolean arrays = random.nextBoolean();
        for (int i = 0; i < depth; i++) {
            List<Node> items = new ArrayList<>();
            items.add(node);
            node = arrays ? new Arr(items) : new Obj(new ArrayList<>(List.of(new Field("a", node))));
        }
        return node;
    }

    private String withCharacter(String text) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        return text.substring(0, at) + pick(CHARACTERS) + text.substring(at);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A JSON string literal of {@code text}; control characters escaped, or written raw (which JSON does not allow). */
    private static String quote(String text, boolean raw) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if ((c < 0x20 || Character.isSurrogate(c)) && !raw) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static JsonNode read(String valid) {
        try {
            return JSON.readTree(valid);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a seed body must be valid JSON", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A generated body and what was done to its valid seed (field paths and kinds of change, never values). */
    public record Body(List<String> changes, byte[] bytes) {

        /** The body as a server decodes it leniently (a byte that is not UTF-8 becomes U+FFFD). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return String.join(", ", changes) + " (" + bytes.length + " bytes)";
        }
    }

    private record Changed(String change, byte[] bytes) {
    }

    /** The tree of a body, whose root may be replaced too. */
    private static final class Root {
        private Node node;

        Root(Node node) {
            this.node = node;
        }

        String render() {
            return node.render();
        }
    }

    /** A place a value can be replaced, and its path. */
    private record Slot(String path, Node value, Consumer<Node> set) {

        String text() {
            if (value instanceof Leaf leaf && leaf.json.startsWith("\"")) {
                try {
                    return JSON.readTree(leaf.json).asText();
                } catch (JsonProcessingException e) {
                    return "text";
                }
            }
            return "text";
        }
    }

    /** The JSON of a body as a tree that may hold what JSON does not allow: a key twice, raw text. */
    private sealed interface Node permits Obj, Arr, Leaf {

        static Node of(JsonNode json) {
            if (json.isObject()) {
                List<Field> fields = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    fields.add(new Field(field.getKey(), of(field.getValue())));
                }
                return new Obj(fields);
            }
            if (json.isArray()) {
                List<Node> items = new ArrayList<>();
                json.forEach(item -> items.add(of(item)));
                return new Arr(items);
            }
            return new Leaf(json.toString());
        }

        String render();

        /** Every value below this one down to {@link #REACH} levels, with where it is. */
        default void slots(String path, int reach, List<Slot> slots) {
        }

        /** How deep the tree is, counted up to {@code limit}. */
        default int depth(int limit) {
            return 0;
        }

        /** An object in the tree picked at random, or null when there is none. */
        default Obj someObject(SplittableRandom random) {
            List<Obj> objects = new ArrayList<>();
            collect(objects, REACH);
            return objects.isEmpty() ? null : objects.get(random.nextInt(objects.size()));
        }

        default void collect(List<Obj> objects, int reach) {
        }
    }

    private record Field(String name, Node value) {
    }

    private record Obj(List<Field> fields) implements Node {

        @Override
        public String render() {
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < fields.size(); i++) {
                out.append(i == 0 ? "" : ",").append(quote(fields.get(i).name, false)).append(':')
                    .append(fields.get(i).value.render());
            }
            return out.append('}').toString();
        }

        @Override
        public int depth(int limit) {
            int deepest = 0;
            for (Field field : fields) {
                deepest = Math.max(deepest, limit <= 1 ? 0 : field.value.depth(limit - 1));
            }
            return 1 + deepest;
        }

        @Override
        public void slots(String path, int reach, List<Slot> slots) {
            if (reach == 0) {
                return;
            }
            for (int i = 0; i < fields.size(); i++) {
                int index = i;
                Field field = fields.get(i);
                String below = path + "." + field.name;
                slots.add(new Slot(below, field.value, node -> fields.set(index, new Field(field.name, node))));
                field.value.slots(below, reach - 1, slots);
            }
        }

        @Override
        public void collect(List<Obj> objects, int reach) {
            objects.add(this);
            if (reach > 0) {
                fields.forEach(field -> field.value.collect(objects, reach - 1));
            }
        }
    }

    private record Arr(List<Node> items) implements Node {

        @Override
        public String render() {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ",").append(items.get(i).render());
            }
            return out.append(']').toString();
        }

        @Override
        public int depth(int limit) {
            int deepest = 0;
            for (Node item : items) {
                deepest = Math.max(deepest, limit <= 1 ? 0 : item.depth(limit - 1));
            }
            return 1 + deepest;
        }

        @Override
        public void slots(String path, int reach, List<Slot> slots) {
            if (reach == 0) {
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                String below = path + "[" + i + "]";
                slots.add(new Slot(below, items.get(i), node -> items.set(index, node)));
                items.get(i).slots(below, reach - 1, slots);
            }
        }

        @Override
        public void collect(List<Obj> objects, int reach) {
            if (reach > 0) {
                items.forEach(item -> item.collect(objects, reach - 1));
            }
        }
    }

    private record Leaf(String json) implements Node {

        @Override
        public String render() {
            return json;
        }
    }
}
