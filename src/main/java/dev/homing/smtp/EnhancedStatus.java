package dev.homing.smtp;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced status code: class.subject.detail, for example 5.1.1.
 * Class is 2, 4 or 5; subject and detail are 0-999 per the RFC.
 */
public record EnhancedStatus(int klass, int subject, int detail) {

    private static final Pattern AT_START = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?=\\s|$|[^0-9.])");
    private static final Pattern ANYWHERE = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");

    public EnhancedStatus {
        if (klass != 2 && klass != 4 && klass != 5) {
            throw new IllegalArgumentException("enhanced status class must be 2, 4 or 5: " + klass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status out of range: " + klass + "." + subject + "." + detail);
        }
    }

    /** Parses "5.1.1"; empty when the text is not exactly an enhanced status code. */
    public static Optional<EnhancedStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = AT_START.matcher(text.strip());
        if (!m.find() || m.end() != text.strip().length()) {
            return Optional.empty();
        }
        return Optional.of(of(m));
    }

    /** The enhanced code at the start of a reply line's text (after the three-digit code), as RFC 2034 puts it. */
    public static Optional<EnhancedStatus> leading(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = AT_START.matcher(text);
        return m.find() ? Optional.of(of(m)) : Optional.empty();
    }

    /** The first enhanced-code-looking token anywhere in free text (bounce diagnostics, provider texts). */
    public static Optional<EnhancedStatus> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ANYWHERE.matcher(text);
        while (m.find()) {
            try {
                return Optional.of(of(m));
            } catch (IllegalArgumentException ignored) {
                // out of range: keep looking
            }
        }
        return Optional.empty();
    }

    private static EnhancedStatus of(Matcher m) {
        return new EnhancedStatus(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public boolean isPermanent() {
        return klass == 5;
    }

    public boolean isTransient() {
        return klass == 4;
    }

    /** "X.1.1" style key without the class, for rules that hold for 4.x.x and 5.x.x alike. */
    public String subjectDetail() {
        return subject + "." + detail;
    }

    @Override
    public String toString() {
        return klass + "." + subject + "." + detail;
    }
}
