package dev.homing.access;

import java.util.Locale;

/** What a person who logs in to the web UI may do. */
public enum Role {
    /** Everything, the settings pages too: API keys, webhooks, users. */
    ADMIN("everything, API keys, webhooks and users included"),
    /** Lists, subscribers, campaigns (sending them too), suppressions: not the settings pages. */
    EDITOR("lists, campaigns and sending, suppressions; not keys, webhooks or users"),
    /** Reads every page but the settings; changes nothing but their own password. */
    VIEWER("reads the pages; changes nothing but their own password");

    private final String may;

    Role(String may) {
        this.may = may;
    }

    /** What the role may do, in a few words for the users page. */
    public String may() {
        return may;
    }

    /** "an admin", "an editor", "a viewer": the role in a sentence. */
    public String withArticle() {
        return (this == VIEWER ? "a " : "an ") + label();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the role may change data (lists, campaigns, suppressions...); everyone may change their own password. */
    public boolean changes() {
        return this != VIEWER;
    }

    /** Whether the role may see and change the settings: API keys, webhooks, users. */
    public boolean administers() {
        return this == ADMIN;
    }

    /** @throws IllegalArgumentException naming the known roles */
    public static Role of(String label) {
        String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.label().equals(l)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + (label == null ? "" : label.strip()) + "\" (known: admin, editor, viewer)");
    }
}
