package dev.homing.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's JSON object, read member by member: every refusal is a 400 problem naming the member
 * (or "body" when the JSON itself is broken, with the line and column where it breaks).
 */
final class Body {
    static final int NAME_MAX = 100;
    /** A list's or campaign's name, as Lists and Campaigns accept it. */
    static final Pattern NAME = dev.homing.list.Lists.NAME;

    private final JsonNode node;

    private Body(JsonNode node) {
        this.node = node;
    }

    /**
     * @param known the members this route reads; any other is refused, so a misspelt optional member
     *              ("overide") is not silently ignored
     */
    static Body of(String text, Set<String> known) {
        if (text == null || text.isBlank()) {
            throw new Refused(Problem.invalid("body", "a JSON object is required"));
        }
        JsonNode node;
        try {
            node = Api.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // a limit of the parser (nesting deeper than 1,000, a number too long) has no location
            throw new Refused(Problem.invalid(failedAt(e), e.getLocation() == null ? "unreadable JSON: " + e.getOriginalMessage()
                    : "malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new Refused(Problem.invalid("body", "must be a JSON object"));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new Refused(Problem.invalid(name, "unknown member (this route reads "
                        + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
        return new Body(node);
    }

    /** An empty body reads as {}: for routes whose members are all optional. */
    static Body optional(String text, Set<String> known) {
        return text == null || text.isBlank() ? new Body(Api.JSON.createObjectNode()) : of(text, known);
    }

    /** A string member that must be there and not blank. */
    String text(String member) {
        String s = optionalText(member);
        if (s == null || s.isBlank()) {
            throw new Refused(Problem.invalid(member, "required"));
        }
        return s;
    }

    /**
     * A required name that becomes a path segment of the routes about it (a list, a campaign): the plain
     * characters the stores accept (Lists and Campaigns refuse the rest), checked here so the answer is a 400
     * naming the member rather than the store's exception.
     */
    String pathName(String member) {
        String name = text(member).strip();
        if (!NAME.matcher(name).matches()) {
            throw new Refused(Problem.invalid(member, "1 to " + NAME_MAX + " letters, digits, dots, dashes or underscores, not \"" + name + "\""));
        }
        return name;
    }

    /** A string member, or null when absent or null. */
    String optionalText(String member) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Refused(Problem.invalid(member, "must be a string"));
        }
        return v.asText();
    }

    /** A string member of at most {@code max} characters, or null. */
    String optionalText(String member, int max) {
        String s = optionalText(member);
        if (s != null && s.length() > max) {
            throw new Refused(Problem.invalid(member, "at most " + max + " characters"));
        }
        return s;
    }

    /**
     * An object of plain values (strings, numbers, booleans) as text, or empty when absent: subscriber attributes.
     * A nested object or array is refused, naming it ("attributes.address").
     */
    Map<String, String> plainValues(String member) {
        JsonNode v = node.get(member);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new Refused(Problem.invalid(member, "must be an object of names and values"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> i = v.fields(); i.hasNext(); ) {
            Map.Entry<String, JsonNode> e = i.next();
            JsonNode value = e.getValue();
            if (value.isContainerNode()) {
                throw new Refused(Problem.invalid(member + "." + e.getKey(), "must be a string, number or boolean"));
            }
            if (!value.isNull()) {
                out.put(e.getKey(), value.asText());
            }
        }
        return out;
    }

    /** The member whose value was being read when the JSON broke; "body" when it broke outside any. */
    private static String failedAt(JsonProcessingException e) {
        try {
            return e.getProcessor() instanceof JsonParser p && p.currentName() != null ? p.currentName() : "body";
        } catch (IOException unreadable) {
            return "body";
        }
    }
}
