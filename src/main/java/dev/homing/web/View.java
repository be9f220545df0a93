package dev.homing.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a page handler answers: a template with its parameters, and the tables it shows (which
 * {@code ?export=ID} downloads as CSV instead of the page).
 */
record View(String title, String section, String template, Map<String, Object> params, List<Table> tables) {
    View {
        params = new HashMap<>(params);
        tables = List.copyOf(tables);
    }

    static View of(String title, String section, String template) {
        return new View(title, section, template, Map.of(), List.of());
    }

    View with(String name, Object value) {
        params.put(name, value);
        return this;
    }

    View tables(Table... t) {
        return new View(title, section, template, params, List.of(t));
    }
}
