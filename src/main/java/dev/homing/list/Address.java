package dev.homing.list;

import com.sanctionco.jmail.Email;
import com.sanctionco.jmail.EmailValidationResult;
import com.sanctionco.jmail.EmailValidator;
import com.sanctionco.jmail.FailureReason;
import com.sanctionco.jmail.JMail;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks a recipient address (RFC 5321/5322 syntax, via jmail) and splits off its domain.
 * Accepted: quoted local parts ({@code "john doe"@example.com}), IP literals
 * ({@code user@[192.0.2.1]}, {@code user@[IPv6:2001:db8::1]}), UTF-8 local parts for SMTPUTF8
 * (RFC 6531, {@code josé@example.com}) and internationalised domains, turned into punycode for DNS.
 * Limits are in octets, as RFC 5321 4.5.3.1 counts them: local part 64, domain 255, address 254.
 */
public final class Address {
    static final int MAX_LOCAL = 64;
    static final int MAX_DOMAIN = 255;
    /** A path is at most 256 octets including its angle brackets (RFC 5321 4.5.3.1.3, erratum 1690). */
    static final int MAX_ADDRESS = 254;

    private static final EmailValidator VALIDATOR = JMail.validator()
            .requireTopLevelDomain()
            .disallowExplicitSourceRouting()
            .disallowObsoleteWhitespace()
            // RFC 5322 comments have no place in an SMTP envelope, and they would end up in the domain
            .withRule(e -> e.comments().isEmpty(), "contains a (comment), which an SMTP address cannot carry");

    private Address() {
    }

    /** A checked address: the local part as given, the domain lower-cased (and in ASCII for DNS). */
    public sealed interface Checked {
    }

    public record Valid(String address, String domain) implements Checked {
    }

    public record Invalid(String input, String reason) implements Checked {
    }

    public static Checked check(String input) {
        String s = input == null ? "" : input.strip();
        if (s.isEmpty()) {
            return new Invalid(s, "empty address");
        }
        // Characters never outnumber octets, so this cheap guard keeps huge junk away from the parser.
        if (s.length() > MAX_ADDRESS) {
            return new Invalid(s, "longer than " + MAX_ADDRESS + " characters (RFC 5321 4.5.3.1)");
        }
        String unprintable = unprintable(s);
        if (unprintable != null) {
            return new Invalid(s, "contains " + unprintable);
        }
        EmailValidationResult r = VALIDATOR.validate(s);
        if (r.isFailure()) {
            return new Invalid(s, "not a valid address (" + describe(r) + ")");
        }
        Email email = r.getEmail().orElseThrow();
        String local = email.localPart();
        if (local.equals("\"\"")) {
            // RFC 5321's grammar allows it, but no real mailbox is named by nothing
            return new Invalid(s, "the local part is empty");
        }
        if (octets(local) > MAX_LOCAL) {
            return new Invalid(s, "local part longer than " + MAX_LOCAL + " octets (RFC 5321 4.5.3.1.1)");
        }
        String domain = s.substring(s.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String ascii;
        if (email.isIpAddress()) {
            ascii = domain; // an address literal goes to that host as is, no DNS involved
        } else {
            try {
                ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return new Invalid(s, "domain is not a valid internationalised name: " + e.getMessage());
            }
        }
        // Measured as DNS and the envelope see it: punycode domain, UTF-8 local part.
        if (ascii.length() > MAX_DOMAIN) {
            return new Invalid(s, "domain longer than " + MAX_DOMAIN + " octets (RFC 5321 4.5.3.1.2)");
        }
        if (octets(local) + 1 + ascii.length() > MAX_ADDRESS) {
            return new Invalid(s, "longer than " + MAX_ADDRESS + " octets once encoded (RFC 5321 4.5.3.1.3)");
        }
        return new Valid(local + "@" + domain, ascii);
    }

    /** True when delivering to this address needs the SMTPUTF8 extension (RFC 6531): a non-ASCII local part. */
    static boolean needsSmtpUtf8(Valid v) {
        String local = v.address().substring(0, v.address().lastIndexOf('@'));
        return !local.chars().allMatch(c -> c < 0x80);
    }

    /** Control characters are never part of an address, and a broken UTF-16 pair cannot be sent as UTF-8. */
    private static String unprintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format(Locale.ROOT, "a control character (U+%04X)", (int) c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "a broken character (an unpaired UTF-16 surrogate)";
            }
        }
        return null;
    }

    static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** jmail's reason in words a marketer can act on. */
    private static String describe(EmailValidationResult r) {
        FailureReason reason = r.getFailureReason();
        if (reason == null) {
            return "rejected";
        }
        return switch (reason.toString()) {
            case "MISSING_AT_SYMBOL" -> "no @";
            case "MULTIPLE_AT_SYMBOLS" -> "more than one @ outside quotes";
            case "LOCAL_PART_TOO_LONG" -> "local part longer than " + MAX_LOCAL + " octets, RFC 5321 4.5.3.1.1";
            case "DOMAIN_PART_TOO_LONG" -> "a domain label is longer than 63 characters, RFC 1035";
            case "MISSING_TOP_LEVEL_DOMAIN" -> "the domain has no top-level domain such as .com";
            case "NUMERIC_TLD" -> "the domain ends in a number; an IP address must be written in brackets, like [192.0.2.1]";
            case "INVALID_IP_DOMAIN" -> "the bracketed IP address is not a valid IPv4 or IPv6:... literal";
            case "MULTIPLE_DOT_SEPARATORS" -> "two dots in a row";
            case "STARTS_WITH_DOT", "LOCAL_PART_STARTS_WITH_DOT" -> "starts with a dot";
            case "ENDS_WITH_DOT", "LOCAL_PART_ENDS_WITH_DOT" -> "ends with a dot";
            case "INVALID_WHITESPACE", "CONTAINS_OBSOLETE_WHITESPACE" -> "contains a space outside quotes";
            default -> reason.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
