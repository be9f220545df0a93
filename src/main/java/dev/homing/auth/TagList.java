package dev.homing.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** A tag=value list (RFC 6376 3.2): DKIM key records, and DMARC records, which use the same syntax. */
final class TagList {
    private TagList() {
    }

    /**
     * Tags in order, names lower-cased, values stripped.
     *
     * @param uniqueNames refuse a tag that appears twice (else the last one counts)
     * @param bad         makes the exception, given what is wrong; it knows which record it is
     */
    static Map<String, String> parse(String text, boolean uniqueNames, Function<String, IllegalArgumentException> bad) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw bad.apply("\"" + part.strip() + "\" is not a tag=value pair");
            }
            String name = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (tags.put(name, part.substring(eq + 1).strip()) != null && uniqueNames) {
                throw bad.apply(name + "= appears twice");
            }
        }
        return tags;
    }
}
