package dev.homing.api;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a collection.
 *
 * @param next the cursor of the following page, or null on the last one
 */
record Page<T>(List<T> items, String next) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** What a request asks for: how many items, after which position (null: from the start). */
    record Request(int limit, String after) {
    }

    static Request of(Context ctx) {
        String l = ctx.queryParam("limit");
        int limit = DEFAULT_LIMIT;
        if (l != null) {
            try {
                limit = Integer.parseInt(l.strip());
            } catch (NumberFormatException e) {
                throw new Refused(Problem.invalid("limit", "not a whole number"));
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new Refused(Problem.invalid("limit", "must be 1 to " + MAX_LIMIT));
            }
        }
        String c = ctx.queryParam("cursor");
        return new Request(limit, c == null || c.isEmpty() ? null : decode(c));
    }

    /**
     * Cuts a page out of rows fetched one beyond the limit: the extra row only says there is more.
     *
     * @param position what a cursor must remember of an item to continue after it
     */
    static <T> Page<T> cut(List<T> rows, int limit, java.util.function.Function<T, String> position) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, encode(position.apply(items.getLast())));
    }

    // Opaque to clients, but only base64 of a position: a forged cursor moves the window, it reveals nothing new.
    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + position).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("v1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new Refused(Problem.invalid("cursor", "not a cursor this API gave out"));
    }
}
