package dev.homing.list;

import com.sanctionco.jmail.EmailValidationResult;
import com.sanctionco.jmail.EmailValidator;
import com.sanctionco.jmail.JMail;

import java.net.IDN;
import java.util.Locale;

/** Checks a recipient address (RFC 5321/5322 syntax, via jmail) and splits off its domain. */
public final class Address {
    private static final EmailValidator VALIDATOR = JMail.validator()
            .requireTopLevelDomain()
            .disallowExplicitSourceRouting()
            .disallowObsoleteWhitespace();

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
        if (s.length() > 254) {
            return new Invalid(s, "longer than 254 characters (RFC 5321 4.5.3.1)");
        }
        EmailValidationResult r = VALIDATOR.validate(s);
        if (r.isFailure()) {
            return new Invalid(s, "not a valid address (" + r.getFailureReason().toString().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        int at = s.lastIndexOf('@');
        String local = s.substring(0, at);
        if (local.length() > 64) {
            return new Invalid(s, "local part longer than 64 characters (RFC 5321 4.5.3.1)");
        }
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        String ascii;
        try {
            ascii = domain.startsWith("[") ? domain : IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return new Invalid(s, "domain is not a valid internationalised name: " + e.getMessage());
        }
        return new Valid(local + "@" + domain, ascii);
    }
}
