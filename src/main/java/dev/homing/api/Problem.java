package dev.homing.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document.
 *
 * @param type     a URI naming the kind of problem
 * @param instance the request path it happened on
 * @param field    the request field at fault (an extension member), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String instance, String field) {
    static final String TYPES = "https://homing.dev/problems/";

    static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPES + slug, title, status, detail, null, null);
    }

    static Problem invalid(String field, String detail) {
        return new Problem(TYPES + "invalid-request", "Invalid request", 400, field + ": " + detail, null, field);
    }

    static Problem notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    Problem at(String path) {
        return new Problem(type, title, status, detail, path, field);
    }
}
