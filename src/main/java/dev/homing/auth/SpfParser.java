package dev.homing.auth;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an SPF record into {@link SpfRecord}, checking all of it first: any syntax error anywhere makes the
 * record a permerror (RFC 7208 4.6), and the message names the term and the record.
 */
final class SpfParser {
    /** name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), then "=" (RFC 7208 A). */
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)", Pattern.DOTALL);
    private static final Pattern MECHANISM = Pattern.compile("([A-Za-z][A-Za-z0-9]*)(.*)", Pattern.DOTALL);
    private static final String CIDR = "(0|[1-9][0-9]{0,2})";
    private static final Pattern DUAL_CIDR = Pattern.compile("(?:/" + CIDR + ")?(?://" + CIDR + ")?");
    private static final Pattern DOMAIN_AND_CIDR = Pattern.compile(":(.*?)(?:/" + CIDR + ")?(?://" + CIDR + ")?", Pattern.DOTALL);
    private static final Pattern IP = Pattern.compile(":([^/]*)(?:/" + CIDR + ")?", Pattern.DOTALL);
    /** domain-end = ( "." toplabel [ "." ] ): a toplabel is alphanumeric, not all digits, dashes only inside. */
    private static final Pattern DOMAIN_END = Pattern.compile(
            ".*\\.([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])\\.?", Pattern.DOTALL);

    private SpfParser() {
    }

    /** @throws SpfException permerror quoting the record and the faulty term */
    static SpfRecord parse(String text) throws SpfException {
        try {
            return read(text);
        } catch (SpfException e) {
            throw SpfException.perm("the SPF record \"" + printable(text) + "\" is invalid: " + e.getMessage());
        }
    }

    private static SpfRecord read(String text) throws SpfException {
        if (!SpfRecord.isSpf(text)) {
            throw SpfException.perm("it does not start with v=spf1");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw SpfException.perm(String.format("character %d is 0x%02X; SPF records are printable ASCII with terms"
                        + " separated by spaces only", i + 1, (int) c));
            }
        }
        List<SpfMechanism> mechanisms = new ArrayList<>();
        String redirect = null;
        String exp = null;
        for (String term : text.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher mod = MODIFIER.matcher(term);
            if (mod.matches()) {
                String name = mod.group(1).toLowerCase(Locale.ROOT);
                String value = mod.group(2);
                switch (name) {
                    case "redirect" -> {
                        if (redirect != null) {
                            throw SpfException.perm("redirect= appears twice");
                        }
                        redirect = domainSpec(term, value);
                    }
                    case "exp" -> {
                        if (exp != null) {
                            throw SpfException.perm("exp= appears twice");
                        }
                        exp = domainSpec(term, value);
                    }
                    default -> {
                        try {
                            SpfMacros.check(value, false);
                        } catch (SpfException e) {
                            throw SpfException.perm("\"" + term + "\": " + e.getMessage());
                        }
                    }
                }
                continue;
            }
            mechanisms.add(mechanism(term));
        }
        return new SpfRecord(text, mechanisms, redirect, exp);
    }

    private static SpfMechanism mechanism(String term) throws SpfException {
        SpfMechanism.Qualifier q = SpfMechanism.Qualifier.of(term.charAt(0));
        String body = q == null ? term : term.substring(1);
        if (q == null) {
            q = SpfMechanism.Qualifier.PASS;
        }
        Matcher m = MECHANISM.matcher(body);
        if (!m.matches()) {
            throw SpfException.perm("\"" + term + "\" is neither a mechanism nor a name=value modifier");
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String rest = m.group(2);
        SpfMechanism.Kind kind = switch (name) {
            case "all" -> SpfMechanism.Kind.ALL;
            case "include" -> SpfMechanism.Kind.INCLUDE;
            case "a" -> SpfMechanism.Kind.A;
            case "mx" -> SpfMechanism.Kind.MX;
            case "ptr" -> SpfMechanism.Kind.PTR;
            case "ip4" -> SpfMechanism.Kind.IP4;
            case "ip6" -> SpfMechanism.Kind.IP6;
            case "exists" -> SpfMechanism.Kind.EXISTS;
            default -> throw SpfException.perm("\"" + term + "\": unknown mechanism \"" + m.group(1) + "\"");
        };
        return switch (kind) {
            case ALL -> {
                if (!rest.isEmpty()) {
                    throw SpfException.perm("\"" + term + "\": all takes no argument");
                }
                yield new SpfMechanism(q, kind, null, null, 32, 128, term);
            }
            case INCLUDE, EXISTS -> {
                if (!rest.startsWith(":")) {
                    throw SpfException.perm("\"" + term + "\": " + name + " needs \":domain\"");
                }
                yield new SpfMechanism(q, kind, domainSpec(term, rest.substring(1)), null, 32, 128, term);
            }
            case PTR -> {
                String spec = null;
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw SpfException.perm("\"" + term + "\": ptr takes only \":domain\"");
                    }
                    spec = domainSpec(term, rest.substring(1));
                }
                yield new SpfMechanism(q, kind, spec, null, 32, 128, term);
            }
            case A, MX -> {
                String spec = null;
                Matcher cidr;
                if (rest.startsWith(":")) {
                    cidr = DOMAIN_AND_CIDR.matcher(rest);
                    if (!cidr.matches()) {
                        throw SpfException.perm("\"" + term + "\": unreadable");
                    }
                    spec = domainSpec(term, cidr.group(1));
                    yield dual(q, kind, spec, cidr.group(2), cidr.group(3), term);
                }
                cidr = DUAL_CIDR.matcher(rest);
                if (!cidr.matches()) {
                    throw SpfException.perm("\"" + term + "\": expected \"" + name + "\", \"" + name + ":domain\", and /ip4-cidr"
                            + " and/or //ip6-cidr (no leading zeros)");
                }
                yield dual(q, kind, null, cidr.group(1), cidr.group(2), term);
            }
            case IP4, IP6 -> {
                Matcher ip = IP.matcher(rest);
                if (!ip.matches()) {
                    throw SpfException.perm("\"" + term + "\": expected " + name + ":ADDRESS or " + name + ":ADDRESS/LENGTH");
                }
                byte[] bytes = kind == SpfMechanism.Kind.IP4 ? Ip.ip4(ip.group(1)) : Ip.ip6(ip.group(1));
                if (bytes == null) {
                    throw SpfException.perm("\"" + term + "\": \"" + ip.group(1) + "\" is not an "
                            + (kind == SpfMechanism.Kind.IP4 ? "IPv4 address (four numbers 0-255)" : "IPv6 address"));
                }
                int max = kind == SpfMechanism.Kind.IP4 ? 32 : 128;
                int prefix = ip.group(2) == null ? max : Integer.parseInt(ip.group(2));
                if (prefix > max) {
                    throw SpfException.perm("\"" + term + "\": /" + prefix + " is longer than " + max + " bits");
                }
                InetAddress network;
                try {
                    network = InetAddress.getByAddress(bytes);
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
                yield new SpfMechanism(q, kind, null, network, kind == SpfMechanism.Kind.IP4 ? prefix : 32,
                        kind == SpfMechanism.Kind.IP6 ? prefix : 128, term);
            }
        };
    }

    private static SpfMechanism dual(SpfMechanism.Qualifier q, SpfMechanism.Kind kind, String spec, String c4, String c6,
                                     String term) throws SpfException {
        int p4 = c4 == null ? 32 : Integer.parseInt(c4);
        int p6 = c6 == null ? 128 : Integer.parseInt(c6);
        if (p4 > 32) {
            throw SpfException.perm("\"" + term + "\": /" + p4 + " is longer than the 32 bits of IPv4");
        }
        if (p6 > 128) {
            throw SpfException.perm("\"" + term + "\": //" + p6 + " is longer than the 128 bits of IPv6");
        }
        return new SpfMechanism(q, kind, spec, null, p4, p6, term);
    }

    /** domain-spec = macro-string domain-end (RFC 7208 7.1); returned as written. */
    private static String domainSpec(String term, String spec) throws SpfException {
        if (spec.isEmpty()) {
            throw SpfException.perm("\"" + term + "\": the domain is empty");
        }
        boolean endsWithMacro;
        try {
            endsWithMacro = SpfMacros.check(spec, false);
        } catch (SpfException e) {
            throw SpfException.perm("\"" + term + "\": " + e.getMessage());
        }
        if (!endsWithMacro && !DOMAIN_END.matcher(spec).matches()) {
            throw SpfException.perm("\"" + term + "\": \"" + spec + "\" does not end in a top-level label such as .com"
                    + " (not all digits, no leading or trailing dash)");
        }
        return spec;
    }

    /** Record text safe to print: control and non-ASCII characters shown as \xNN. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format(c > 0xff ? "\\u%04X" : "\\x%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
