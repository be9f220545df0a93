package dev.homing.webhook;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** What a webhook can subscribe to. */
public enum EventKind {
    DELIVERED, DEFERRED, BOUNCED, COMPLAINED, UNSUBSCRIBED, UNCERTAIN, EXPIRED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Kinds from a comma list ("bounced,complained"); blank means all of them. */
    public static Set<EventKind> parse(String list) {
        Set<EventKind> out = new LinkedHashSet<>();
        if (list == null || list.isBlank()) {
            out.addAll(Arrays.asList(values()));
            return out;
        }
        for (String s : list.split(",")) {
            String k = s.strip().toUpperCase(Locale.ROOT);
            if (k.isEmpty()) {
                continue;
            }
            try {
                out.add(valueOf(k));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown event \"" + s.strip() + "\"; events are "
                        + String.join(", ", Arrays.stream(values()).map(EventKind::label).toList()));
            }
        }
        return out;
    }

    static String join(Set<EventKind> kinds) {
        return String.join(",", kinds.stream().map(EventKind::label).toList());
    }
}
