package dev.homing.queue;

import dev.homing.outcome.Disposition;
import dev.homing.outcome.Reason;
import dev.homing.smtp.EnhancedStatus;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

import java.time.Instant;
import java.util.List;

/**
 * One journal record per line, tab-separated, text escaped so it stays on one line:
 * {@code C <id>} (claimed for sending), {@code D <id>} (the dot may be sent),
 * {@code R <id>} (released unsent) or {@code S <id> <domain> <attemptNo> <state> ...} (a settlement).
 */
final class JournalCodec {
    private JournalCodec() {
    }

    enum Kind { CLAIM, DOT, RELEASE, SETTLE }

    /** The dot of one delivery, with when and to which MX it was about to be written (for an uncertain delivery's record). */
    static String dot(long deliveryId, Instant at, String mxHost, String mxIp) {
        return "D\t" + deliveryId + "\t" + at.toEpochMilli() + "\t" + escape(mxHost) + "\t" + escape(mxIp) + "\n";
    }

    static String claim(long deliveryId) {
        return "C\t" + deliveryId + "\n";
    }

    static String release(long deliveryId) {
        return "R\t" + deliveryId + "\n";
    }

    static String settlement(Settlement s) {
        Attempt a = s.attempt();
        Reply r = a.reply();
        StringBuilder sb = new StringBuilder(256);
        sb.append("S\t").append(s.deliveryId())
                .append('\t').append(escape(s.domain()))
                .append('\t').append(s.attemptNo())
                .append('\t').append(s.state().label())
                .append('\t').append(s.nextAttempt().toEpochMilli())
                .append('\t').append(s.disposition().name())
                .append('\t').append(s.reason().label())
                .append('\t').append(a.startedAt().toEpochMilli())
                .append('\t').append(escape(a.mxHost()))
                .append('\t').append(escape(a.mxIp()))
                .append('\t').append(a.stage().label())
                .append('\t').append(r.code())
                .append('\t').append(r.enhanced() == null ? "-" : r.enhanced().toString())
                .append('\t').append(escape(String.join("\n", r.lines())))
                .append('\t').append(a.connectMs())
                .append('\t').append(a.durationMs())
                .append('\t').append(escape(a.transcript()))
                .append('\n');
        return sb.toString();
    }

    /**
     * A parsed record; settlement is set for {@link Kind#SETTLE} only; dotAt, mxHost and mxIp for {@link Kind#DOT} of a
     * journal that records them (else null).
     */
    record Entry(Kind kind, long deliveryId, Settlement settlement, Instant dotAt, String mxHost, String mxIp) {
        Entry(Kind kind, long deliveryId, Settlement settlement) {
            this(kind, deliveryId, settlement, null, null, null);
        }
    }

    static Entry parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length == 5 && f[0].equals("D")) {
            return new Entry(Kind.DOT, Long.parseLong(f[1]), null, Instant.ofEpochMilli(Long.parseLong(f[2])), unescape(f[3]), unescape(f[4]));
        }
        if (f.length == 2) {
            Kind k = switch (f[0]) {
                case "C" -> Kind.CLAIM;
                case "D" -> Kind.DOT;
                case "R" -> Kind.RELEASE;
                default -> null;
            };
            if (k != null) {
                return new Entry(k, Long.parseLong(f[1]), null);
            }
        }
        if (f.length != 18 || !f[0].equals("S")) {
            throw new IllegalArgumentException("not a journal record: " + (line.length() > 60 ? line.substring(0, 60) + "..." : line));
        }
        long id = Long.parseLong(f[1]);
        String domain = unescape(f[2]);
        // the fields after the domain, numbered as the offsets below expect
        String[] rest = new String[17];
        System.arraycopy(f, 3, rest, 2, 15);
        f = rest;
        String text = unescape(f[13]);
        Reply reply = new Reply(Integer.parseInt(f[11]), f[12].equals("-") ? null : EnhancedStatus.parse(f[12]).orElse(null),
                List.of(text.split("\n", -1)));
        Attempt attempt = new Attempt(Instant.ofEpochMilli(Long.parseLong(f[7])), unescape(f[8]), unescape(f[9]),
                Stage.fromLabel(f[10]), reply, Integer.parseInt(f[14]), Integer.parseInt(f[15]), unescape(f[16]));
        Settlement s = new Settlement(id, domain, Integer.parseInt(f[2]), DeliveryState.fromLabel(f[3]),
                Instant.ofEpochMilli(Long.parseLong(f[4])), Disposition.valueOf(f[5]), Reason.fromLabel(f[6]), attempt);
        return new Entry(Kind.SETTLE, id, s);
    }

    /** null becomes "\0", and backslash, tab, CR, LF are escaped. */
    static String escape(String s) {
        if (s == null) {
            return "\\0";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        if (s.equals("\\0")) {
            return null;
        }
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
