package dev.homing.campaign;

import java.util.List;

/**
 * What spamd said about one message.
 *
 * @param address the spamd asked, host:port
 * @param spam spamd's own verdict (score at or above its threshold)
 * @param rules the rules that hit; with {@code SYMBOLS} only names are known (points NaN, description "")
 */
public record SpamdResult(String address, boolean spam, double score, double threshold, List<Rule> rules) {
    public SpamdResult {
        rules = List.copyOf(rules);
    }

    /** One SpamAssassin rule hit. */
    public record Rule(String name, double points, String description) {
    }
}
