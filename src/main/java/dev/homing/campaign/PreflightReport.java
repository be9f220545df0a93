package dev.homing.campaign;

import java.util.List;

/** Everything the pre-flight found for one campaign, by section; sending is refused while any item blocks. */
public record PreflightReport(String campaign, List<PreflightItem> items) {
    public PreflightReport {
        items = List.copyOf(items);
    }

    public List<PreflightItem> blocking() {
        return items.stream().filter(PreflightItem::blocking).toList();
    }

    /** The blocking findings on one line: "CHECK (DETAIL); CHECK (DETAIL)". */
    public String blockingText() {
        return String.join("; ", blocking().stream().map(i -> i.check() + " (" + i.detail() + ")").toList());
    }

    public boolean hasBlocking() {
        return items.stream().anyMatch(PreflightItem::blocking);
    }

    public String text() {
        StringBuilder out = new StringBuilder("Pre-flight report for campaign \"" + campaign + "\"\n");
        for (PreflightItem.Section s : PreflightItem.Section.values()) {
            List<PreflightItem> in = items.stream().filter(i -> i.section() == s).toList();
            if (in.isEmpty()) {
                continue;
            }
            out.append('\n').append(s.title()).append('\n');
            for (PreflightItem i : in) {
                out.append(String.format("  [%-4s]%s %s: %s%n", i.status().label(), i.blocking() ? " BLOCKING" : "", i.check(), i.detail()));
                if (!i.fix().isEmpty()) {
                    out.append("         fix: ").append(i.fix()).append('\n');
                }
            }
        }
        List<PreflightItem> b = blocking();
        out.append('\n').append(b.isEmpty() ? "Nothing blocks sending.\n"
                : b.size() + " finding(s) block sending. Fix them, or send anyway with --override \"REASON\" (recorded with the campaign).\n");
        return out.toString();
    }
}
