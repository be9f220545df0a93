package dev.homing.campaign;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small message for content tests, written out as RFC 5322 text by hand (not by the code under
 * test). The default is a clean campaign mail: every rule stays silent on it.
 */
record ContentMail(String subject, String text, String html, List<String> headers, String attachment) {
    static final String ADDRESS = "Example Books, 12 Main Street, Springfield, IL 62701";
    static final String TEXT = """
            Hello Ada,

            Our spring reading list is out: twelve novels our booksellers loved this season,
            from quiet family stories to a sharp new detective series.

            Read the list: https://www.example.com/spring

            Unsubscribe: https://www.example.com/u/abc
            %s
            """.formatted(ADDRESS);
    static final String HTML = """
            <html><body>
            <p>Hello Ada,</p>
            <p>Our spring reading list is out: twelve novels our booksellers loved this season,
            from quiet family stories to a sharp new detective series.</p>
            <p><a href="https://www.example.com/spring">Read the list</a></p>
            <p><a href="https://www.example.com/u/abc">Unsubscribe</a><br>%s</p>
            </body></html>
            """.formatted(ADDRESS);

    static ContentMail clean() {
        return new ContentMail("Our spring reading list", TEXT, HTML, List.of(
                "List-Unsubscribe: <https://www.example.com/u/abc>, <mailto:u+abc@example.com>",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click"), null);
    }

    ContentMail subject(String s) {
        return new ContentMail(s, text, html, headers, attachment);
    }

    ContentMail text(String t) {
        return new ContentMail(subject, t, html, headers, attachment);
    }

    ContentMail html(String h) {
        return new ContentMail(subject, text, h, headers, attachment);
    }

    ContentMail withHeaders(String... h) {
        return new ContentMail(subject, text, html, List.of(h), attachment);
    }

    /** Adds an application/octet-stream attachment of this base64 body. */
    ContentMail attachment(String base64) {
        return new ContentMail(subject, text, html, headers, base64);
    }

    /** Text and HTML both, with the same sentence in each. */
    ContentMail body(String sentence) {
        return text(sentence + "\n\n" + TEXT).html("<html><body><p>" + sentence + "</p>" + HTML.substring(12));
    }

    byte[] bytes() {
        StringBuilder m = new StringBuilder();
        m.append("From: Example Books <news@example.com>\n").append("To: ada@example.org\n");
        if (subject != null) {
            m.append("Subject: ").append(subject).append('\n');
        }
        m.append("Date: Tue, 4 Mar 2025 10:00:00 +0000\n").append("Message-ID: <1.campaign@example.com>\n");
        headers.forEach(h -> m.append(h).append('\n'));
        m.append("MIME-Version: 1.0\n");
        List<String[]> parts = new ArrayList<>();
        if (text != null) {
            parts.add(new String[] {"text/plain; charset=utf-8", text});
        }
        if (html != null) {
            parts.add(new String[] {"text/html; charset=utf-8", html});
        }
        String body;
        if (parts.size() == 1 && attachment == null) {
            m.append("Content-Type: ").append(parts.getFirst()[0]).append("\nContent-Transfer-Encoding: 8bit\n");
            body = parts.getFirst()[1];
        } else {
            String alt = multipart("alternative", "alt-b", parts.stream()
                    .map(p -> "Content-Type: " + p[0] + "\nContent-Transfer-Encoding: 8bit\n\n" + p[1]).toList());
            if (attachment == null) {
                m.append("Content-Type: multipart/alternative; boundary=\"alt-b\"\n");
                body = alt.substring(alt.indexOf("\n\n") + 2);
            } else {
                m.append("Content-Type: multipart/mixed; boundary=\"mix-b\"\n");
                String att = "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"big.bin\"\n"
                        + "Content-Transfer-Encoding: base64\n\n" + attachment;
                String mixed = multipart("mixed", "mix-b", List.of(alt, att));
                body = mixed.substring(mixed.indexOf("\n\n") + 2);
            }
        }
        m.append('\n').append(body);
        return m.toString().replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String multipart(String kind, String boundary, List<String> parts) {
        StringBuilder b = new StringBuilder("Content-Type: multipart/" + kind.toLowerCase(Locale.ROOT)
                + "; boundary=\"" + boundary + "\"\n\n");
        for (String p : parts) {
            b.append("--").append(boundary).append('\n').append(p).append('\n');
        }
        return b.append("--").append(boundary).append("--\n").toString();
    }
}
