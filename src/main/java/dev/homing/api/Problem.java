package dev.homing.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem document.
 *
 * @param type     a URI naming the kind of problem
 * @param instance the request path it happened on
 * @param field    the request field at fault (an extension member), or null
 * @param more     further extension members (the blocking findings of a refused send), written beside the others
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String instance, String field,
               @JsonIgnore Map<String, Object> more) {
    static final String TYPES = "https://homing.dev/problems/";

    Problem {
        more = Map.copyOf(more);
    }

    static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPES + slug, title, status, detail, null, null, Map.of());
    }

    /** The request cannot be read: a missing or malformed member or parameter. */
    static Problem invalid(String field, String detail) {
        return new Problem(TYPES + "invalid-request", "Invalid request", 400, field + ": " + detail, null, field, Map.of());
    }

    /** The request is well formed but cannot be done as asked: an address that cannot receive mail, an unknown merge field. */
    static Problem unprocessable(String field, String detail) {
        return new Problem(TYPES + "unprocessable", "Unprocessable request", 422, field + ": " + detail, null, field, Map.of());
    }

    static Problem notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    /** What is asked clashes with the resource's state: a name taken, a campaign already sent or paused. */
    static Problem conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    Problem at(String path) {
        return new Problem(type, title, status, detail, path, field, more);
    }

    /** The same problem, naming the request field at fault. */
    Problem on(String requestField) {
        return new Problem(type, title, status, detail, instance, requestField, more);
    }

    Problem with(String member, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(more);
        m.put(member, value);
        return new Problem(type, title, status, detail, instance, field, m);
    }

    @JsonAnyGetter
    Map<String, Object> extensions() {
        return more;
    }
}
