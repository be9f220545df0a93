package dev.homing.inbound;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report reads the same however it travelled: every report of the corpus is read again with CRLF line ends, with its
 * text parts in base64 and in quoted-printable (as a gateway may re-encode them, RFC 2045 section 6; the delivery-status
 * part stays 7bit, as RFC 3464 section 2.1 requires), and forwarded as an attachment (RFC 2046 message/rfc822), and
 * each variant must give what the original gives:
 * the same recipients, statuses and reasons. The hidden reports come from the same MTAs as the corpus, not always in
 * the same encoding.
 */
class ReEncodedReportsTest {

    @Test
    void everyReportOfTheCorpusReadsTheSameReEncodedOrForwarded() throws IOException {
        Map<String, UnaryOperator<byte[]>> variants = new TreeMap<>(Map.of(
                "crlf", ReEncodedReportsTest::crlf,
                "base64", raw -> encoded(raw, "base64"),
                "quoted-printable", raw -> encoded(raw, "quoted-printable"),
                "forwarded", ReEncodedReportsTest::forwarded));
        List<String> differ = new ArrayList<>();
        int reports = 0;
        int reEncoded = 0;
        try (Stream<Path> files = Files.list(BounceCorpusTest.CORPUS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                byte[] raw = withoutMboxLine(Files.readAllBytes(f));
                Analysis original = Classifier.classify(raw);
                if (!(original instanceof Bounce || original instanceof Complaint)) {
                    continue; // a forwarded auto-reply is a person's message, not an auto-reply to us
                }
                reports++;
                for (Map.Entry<String, UnaryOperator<byte[]>> v : variants.entrySet()) {
                    byte[] changed = v.getValue().apply(raw);
                    if (Arrays.equals(changed, raw)) {
                        continue; // nothing to re-encode (every text part already base64, say)
                    }
                    reEncoded++;
                    String want = summary(original);
                    String got = summary(Classifier.classify(changed));
                    if (!got.equals(want)) {
                        differ.add(f.getFileName() + " " + v.getKey() + ": " + got + " instead of " + want);
                    }
                }
            }
        }
        System.out.printf("re-encoded reports: %d variants of %d reports, %d read differently%n", reEncoded, reports, differ.size());
        differ.forEach(System.out::println);
        assertThat(reports).as("reports in the corpus").isGreaterThan(150);
        assertThat(reEncoded).as("variants that changed the bytes").isGreaterThan(3 * reports);
        assertThat(differ).as("variants read differently from their original").isEmpty();
    }

    private static String summary(Analysis a) {
        return switch (a) {
            case Bounce b -> b.recipients().stream().map(r -> r.address().toLowerCase(java.util.Locale.ROOT) + " " + r.status() + " "
                    + r.reason().label()).toList().toString();
            case Complaint c -> "complaint " + c.feedbackType() + " " + c.recipients();
            default -> a.getClass().getSimpleName();
        };
    }

    private static byte[] withoutMboxLine(byte[] raw) {
        if (raw.length > 5 && new String(raw, 0, 5, StandardCharsets.ISO_8859_1).equals("From ")) {
            int nl = indexOf(raw, (byte) '\n', 0);
            return Arrays.copyOfRange(raw, nl + 1, raw.length);
        }
        return raw;
    }

    private static byte[] crlf(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] forwarded(byte[] raw) {
        String nl = new String(raw, 0, Math.min(raw.length, 4000), StandardCharsets.ISO_8859_1).contains("\r\n") ? "\r\n" : "\n";
        String head = String.join(nl, "From: Admin <admin@example.org>", "To: bounces@example.org", "Subject: Fwd: look at this",
                "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"fwd-fwd-fwd\"", "", "--fwd-fwd-fwd",
                "Content-Type: text/plain", "", "See the attached bounce.", "", "--fwd-fwd-fwd", "Content-Type: message/rfc822", "", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(raw);
        out.writeBytes((nl + "--fwd-fwd-fwd--" + nl).getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static final Pattern ENCODING_FIELD = Pattern.compile("(?im)^Content-Transfer-Encoding:[ \\t]*(7bit|8bit|binary)?[^\\n]*\\n");

    /**
     * The message with every text/plain part that is not encoded yet (no
     * Content-Transfer-Encoding, or 7bit/8bit/binary) written in the given encoding, its field saying so.
     */
    private static byte[] encoded(byte[] raw, String encoding) {
        List<int[]> edits = new ArrayList<>(); // {header start, body start, body end}, in the order of the message
        collect(Part.parse(raw), null, raw, edits);
        byte[] out = raw;
        for (int i = edits.size() - 1; i >= 0; i--) {
            out = reEncode(out, edits.get(i), encoding);
        }
        return out;
    }

    private static void collect(Part part, Part parent, byte[] raw, List<int[]> edits) {
        if (!part.children().isEmpty()) {
            for (Part child : part.children()) {
                collect(child, part, raw, edits);
            }
            return;
        }
        String mime = part.type().mime();
        if (!mime.equals("text/plain") || part.headers().isEmpty() || part.bodyEnd() <= part.bodyStart()) {
            return;
        }
        int headerStart = 0;
        if (parent != null && parent.type().boundary() != null) {
            // the part's header starts on the line after the delimiter before its body
            byte[] delimiter = ("--" + parent.type().boundary()).getBytes(StandardCharsets.ISO_8859_1);
            int at = lastIndexOf(raw, delimiter, part.bodyStart());
            if (at < 0) {
                return;
            }
            headerStart = indexOf(raw, (byte) '\n', at) + 1;
        } else if (parent != null) {
            return; // inside an enclosed message: its own header, left as it is
        }
        String header = new String(raw, headerStart, part.bodyStart() - headerStart, StandardCharsets.ISO_8859_1);
        Matcher field = ENCODING_FIELD.matcher(header);
        if (field.find() && field.group(1) == null) {
            return; // already base64 or quoted-printable
        }
        edits.add(new int[] {headerStart, part.bodyStart(), part.bodyEnd()});
    }

    private static byte[] reEncode(byte[] raw, int[] edit, String encoding) {
        String header = new String(raw, edit[0], edit[1] - edit[0], StandardCharsets.ISO_8859_1);
        String nl = header.endsWith("\r\n\r\n") ? "\r\n" : "\n";
        String blank = header.endsWith("\r\n\r\n") ? "\r\n\r\n" : "\n\n";
        if (!header.endsWith(blank)) {
            return raw;
        }
        String fields = ENCODING_FIELD.matcher(header.substring(0, header.length() - nl.length())).replaceAll("");
        byte[] body = Arrays.copyOfRange(raw, edit[1], edit[2]);
        String written;
        if (encoding.equals("base64")) {
            written = Base64.getMimeEncoder(76, nl.getBytes(StandardCharsets.ISO_8859_1)).encodeToString(body);
        } else {
            ByteArrayOutputStream qp = new ByteArrayOutputStream();
            try (OutputStream enc = MimeUtility.encode(qp, "quoted-printable")) {
                enc.write(body);
            } catch (IOException | jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
            written = qp.toString(StandardCharsets.ISO_8859_1).replace("\r\n", nl);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(raw, 0, edit[0]);
        out.writeBytes((fields + "Content-Transfer-Encoding: " + encoding + nl + nl + written).getBytes(StandardCharsets.ISO_8859_1));
        out.write(raw, edit[2], raw.length - edit[2]);
        return out.toByteArray();
    }

    private static int indexOf(byte[] raw, byte b, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return raw.length - 1;
    }

    private static int lastIndexOf(byte[] raw, byte[] needle, int before) {
        for (int i = before - needle.length; i >= 0; i--) {
            int k = 0;
            while (k < needle.length && raw[i + k] == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return i;
            }
        }
        return -1;
    }
}
