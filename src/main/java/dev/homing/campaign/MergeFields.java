package dev.homing.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the merge tags of one template before Mustache sees it: checks every field name against
 * the fields a subscriber can have (a typo is an error with line and column, before anything is
 * sent), refuses what would let a template reach outside itself (partials, delimiter changes),
 * and rewrites {@code {{name|default}}} into a numbered slot whose value falls back to the default,
 * so a subscriber without the attribute never gets a broken message.
 */
final class MergeFields {
    /** One variable slot: the field it shows and what to show when the subscriber has none. */
    record Slot(String field, String fallback) {
    }

    private final List<Slot> slots = new ArrayList<>();
    /** The Mustache name of each slot ("f0", "f1", ...), made once rather than once per subscriber and slot. */
    private final List<String> slotNames = new ArrayList<>();
    private final Set<String> sectionFields = new TreeSet<>();

    List<Slot> slots() {
        return slots;
    }

    boolean uses(String... names) {
        for (String n : names) {
            if (sectionFields.contains(n) || slots.stream().anyMatch(s -> s.field().equals(n))) {
                return true;
            }
        }
        return false;
    }

    Set<String> sectionFields() {
        return sectionFields;
    }

    /** The template text with variables renamed to slots; {@code part} names the text in errors ("subject", "html"). */
    String rewrite(String part, String text, Set<String> known) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (true) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                out.append(text, i, text.length());
                return out.toString();
            }
            out.append(text, i, open);
            boolean triple = text.startsWith("{{{", open);
            String closer = triple ? "}}}" : "}}";
            int close = text.indexOf(closer, open + closer.length());
            if (close < 0) {
                throw error(part, text, open, "the tag opened here is never closed with " + closer);
            }
            String inner = text.substring(open + closer.length(), close).strip();
            i = close + closer.length();
            if (inner.isEmpty()) {
                throw error(part, text, open, "empty merge tag " + text.substring(open, i));
            }
            char sigil = inner.charAt(0);
            switch (sigil) {
                case '!' -> out.append(text, open, i); // a comment
                case '>' -> throw error(part, text, open, "partials ({{>name}}) are not allowed in campaign templates");
                case '=' -> throw error(part, text, open, "changing delimiters ({{=...=}}) is not allowed in campaign templates");
                case '#', '^', '/' -> {
                    String name = inner.substring(1).strip();
                    check(part, text, open, name, known);
                    sectionFields.add(name);
                    out.append("{{").append(sigil).append(name).append("}}");
                }
                default -> {
                    boolean raw = triple || sigil == '&';
                    String spec = sigil == '&' ? inner.substring(1) : inner;
                    int bar = spec.indexOf('|');
                    String name = (bar < 0 ? spec : spec.substring(0, bar)).strip();
                    String fallback = bar < 0 ? "" : spec.substring(bar + 1).strip();
                    check(part, text, open, name, known);
                    String slot = "f" + slots.size();
                    slots.add(new Slot(name, fallback));
                    slotNames.add(slot);
                    out.append(raw ? "{{{" + slot + "}}}" : "{{" + slot + "}}");
                }
            }
        }
    }

    private static void check(String part, String text, int at, String name, Set<String> known) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            throw error(part, text, at, "\"" + name + "\" is not a merge field name (letters, digits, _ and -)");
        }
        if (!known.contains(name)) {
            throw error(part, text, at, "unknown merge field {{" + name + "}}; known fields: " + String.join(", ", new TreeSet<>(known)));
        }
    }

    static TemplateError error(String part, String text, int offset, String what) {
        int line = 1;
        int col = 1;
        for (int k = 0; k < offset; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new TemplateError(part + " line " + line + ", column " + col + ": " + what);
    }

    /** Each slot's text for one subscriber (its default when the subscriber has no value), asked once per field. */
    String[] values(java.util.function.Function<String, Object> values) {
        String[] out = new String[slots.size()];
        for (int k = 0; k < out.length; k++) {
            Slot s = slots.get(k);
            Object v = values.apply(s.field());
            String text = v == null ? "" : v.toString();
            out[k] = text.isEmpty() ? s.fallback() : text;
        }
        return out;
    }

    /** The Mustache context for one subscriber: every slot filled (or its default), section fields as given. */
    Map<String, Object> context(java.util.function.Function<String, Object> values) {
        Map<String, Object> ctx = new java.util.HashMap<>(slots.size() * 2 + sectionFields.size() * 2);
        for (int k = 0; k < slots.size(); k++) {
            Slot s = slots.get(k);
            Object v = values.apply(s.field());
            ctx.put(slotNames.get(k), v == null || v.toString().isEmpty() ? s.fallback() : v);
        }
        for (String f : sectionFields) {
            Object v = values.apply(f);
            if (v != null && !"".equals(v) && !Boolean.FALSE.equals(v) && !"false".equals(v)) {
                ctx.put(f, v);
            }
        }
        return ctx;
    }
}
