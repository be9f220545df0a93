package dev.homing.inbound;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mailing list's refusal of a post, which list managers send as an ordinary message rather than a
 * delivery report: the list address refused our sender. A message is one only when it comes from a list
 * manager (the list headers of RFC 2369 and RFC 2919, or the managers' own: fml's {@code X-MLServer},
 * ezmlm's {@code Mailing-List}) and its subject or text says the sender may not post (fml: "You ... are not
 * member", GNU Mailman: "Non-members are not allowed to post", "rejected"). Notices that a post is held for
 * a moderator are not refusals.
 */
final class ListRefusal {
    private ListRefusal() {
    }

    private static final List<String> LIST_HEADERS = List.of("List-Id", "List-Post", "List-Subscribe", "List-Unsubscribe", "Mailing-List",
            "X-MLServer", "X-ML-Name", "X-Mailman-Version");
    private static final Pattern REFUSED = Pattern.compile(
            "not (a )?member|non-?members? (are not allowed|may not)|members only|posting restricted to members"
                    + "|(post|message|posting) (to|for) .{0,80}(was |has been )?rejected|you are not allowed to post",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HELD = Pattern.compile("awaits moderator approval|held (for|until) .{0,40}moderat", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_ADDRESS = Pattern.compile("<mailto:([^>?]+)[>?]|<(" + Addresses.ADDRESS.pattern() + ")>");

    /** The refusal as a bounce of the list's address, or null when the message is not one. */
    static Analysis read(Headers top, String subject, String text, String ownAddress) {
        boolean fromList = false;
        for (String h : LIST_HEADERS) {
            fromList |= top.has(h);
        }
        if (!fromList) {
            return null;
        }
        String words = (subject == null ? "" : subject) + "\n" + (text.length() > 4000 ? text.substring(0, 4000) : text);
        if (!REFUSED.matcher(words).find() || HELD.matcher(words).find()) {
            return null;
        }
        String list = listAddress(top, text, ownAddress);
        if (list == null) {
            return null;
        }
        Diagnostic d = Diagnostic.read(subject == null ? text : subject + ". " + text);
        return new Bounce(List.of(Verdicts.recipient(list, Action.FAILED, null, d, null, false, null)), Original.NONE);
    }

    /** The list's posting address: List-Post, else the first address in angle brackets in the text that is not ours. */
    private static String listAddress(Headers top, String text, String ownAddress) {
        String post = top.get("List-Post");
        if (post != null) {
            Matcher m = LIST_ADDRESS.matcher(post);
            if (m.find()) {
                return (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            }
        }
        Matcher m = LIST_ADDRESS.matcher(text);
        while (m.find()) {
            String a = m.group(1) != null ? m.group(1) : m.group(2);
            if (a != null && !a.equalsIgnoreCase(ownAddress) && !Addresses.isSystem(a)) {
                return a;
            }
        }
        return null;
    }
}
