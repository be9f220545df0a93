package dev.homing.inbound;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises automatic replies (RFC 3834) and the vacation messages of software that does not
 * follow it: the Auto-Submitted header, the X-Autoreply family, Precedence: auto_reply, and the
 * subjects that out-of-office tools use in several languages (a leading bracket allowed: "[Automatyczna odpowiedź]").
 */
final class AutoReplies {
    private AutoReplies() {
    }

    private static final Pattern SUBJECT = Pattern.compile(
            "^(?:re:\\s*)?\\[?(?:auto(?:matic|matische)?[ -]?(?:reply|response|respond|antwort|answer)|out of (?:the )?office|autoreply|auto-reply"
                    // HCL (IBM) Domino's out-of-office agent: "AUTO: <name> is out of the office (returning <date>)"
                    + "|auto:\\s.*\\bout of (?:the )?office|automatyczna odpowied|odpowied[zź] automatyczna"
                    + "|abwesenheitsnotiz|abwesend|vacation|away from (?:my|the) office|on vacation|on holiday|r[ée]ponse automatique"
                    + "|absence|risposta automatica|respuesta autom[aá]tica|automatisch antwoord|fuera de la oficina|afwezig|out of office reply"
                    // automatic receipts: German "(E-Mail) Empfangsbestätigung" / "Eingangsbestätigung" (the umlaut often mangled
                    // on the way), "Automatic receipt", "Automatic acknowledgement"
                    + "|(?:e-?mail[ -])?(?:empfangs|eingangs)best\\S{0,12}tigung|automatic receipt|auto(?:matic)?[ -]?acknowledge?ment)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** True when the headers say the message was sent by a program in reply to ours. */
    static boolean is(Headers h, String subject) {
        String auto = h.lower("Auto-Submitted");
        if (auto.startsWith("auto-replied")) {
            return true;
        }
        if (h.has("X-Autoreply") || h.has("X-Autorespond") || h.has("X-Autoresponder") || h.has("X-Vacation")
                || h.has("X-Mail-Autoreply")) {
            return true;
        }
        String precedence = h.lower("Precedence");
        if (precedence.contains("auto_reply") || precedence.contains("auto-reply")) {
            return true;
        }
        return subject != null && SUBJECT.matcher(subject.strip()).find();
    }

    /** True when the subject is one an out-of-office tool writes, whatever the headers say. */
    static boolean subjectSays(String subject) {
        return subject != null && SUBJECT.matcher(subject.strip().toLowerCase(Locale.ROOT)).find();
    }
}
