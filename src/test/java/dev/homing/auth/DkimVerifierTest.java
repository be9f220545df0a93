package dev.homing.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Our verifier against the DKIM vectors of src/test/corpus/dkim (RFC 8463 examples, real signed messages). */
class DkimVerifierTest {
    static final Path CORPUS = Path.of(System.getProperty("homing.corpus", "src/test/corpus")).resolve("dkim");

    @Test
    void passesEveryCorpusVector() throws Exception {
        Map<String, String> shared = records(Files.readAllLines(CORPUS.resolve("dns-records.txt")));
        List<String> rows = Files.readAllLines(CORPUS.resolve("expected.csv"));
        int checked = 0;
        for (String row : rows.subList(1, rows.size())) {
            if (row.isBlank()) {
                continue;
            }
            String[] f = row.split(",");
            byte[] raw = Files.readAllBytes(CORPUS.resolve(f[0]));
            Map<String, String> keys = new HashMap<>(shared);
            byte[] message = raw;
            if (f[0].startsWith("mail-auth/")) {
                // the file starts with its key records, then a blank line, then the message
                String text = new String(raw, StandardCharsets.ISO_8859_1);
                int blank = text.indexOf("\n\n");
                keys.putAll(records(List.of(text.substring(0, blank).split("\n"))));
                message = text.substring(blank + 2).getBytes(StandardCharsets.ISO_8859_1);
            }
            Instant at = f[7].equals("any") ? Instant.now() : Instant.ofEpochSecond(Long.parseLong(f[7]));
            List<DkimVerifier.Result> results = new DkimVerifier(keys::get).verify(message, at);
            int index = Integer.parseInt(f[1]) - 1;
            assertThat(results).as(f[0]).hasSizeGreaterThan(index);
            DkimVerifier.Result r = results.get(index);
            assertThat(r.algorithm()).as(row).isEqualTo(f[2]);
            assertThat(r.domain()).as(row).isEqualTo(f[4]);
            assertThat(r.selector()).as(row).isEqualTo(f[5]);
            assertThat(r.pass()).as(row + ": " + r.reason()).isEqualTo(f[8].equals("pass"));
            checked++;
        }
        assertThat(checked).isEqualTo(12);
    }

    @Test
    void expiryIsEnforcedAtTheVerificationTime() throws Exception {
        String text = Files.readString(CORPUS.resolve("mail-auth/005.txt"), StandardCharsets.ISO_8859_1);
        int blank = text.indexOf("\n\n");
        Map<String, String> keys = records(List.of(text.substring(0, blank).split("\n")));
        byte[] message = text.substring(blank + 2).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new DkimVerifier(keys::get).verify(message, Instant.now()).get(0).reason()).contains("expired");
    }

    @Test
    void ourSignaturesPassOurVerifierAndTamperingFails() {
        DkimKey rsa = DkimKey.generate("example.com", "a", DkimAlgorithm.RSA_SHA256, 2048);
        DkimKey ed = DkimKey.generate("example.com", "b", DkimAlgorithm.ED25519_SHA256, 0);
        Map<String, String> keys = Map.of("a._domainkey.example.com", rsa.txtValue(), "b._domainkey.example.com", ed.txtValue());
        byte[] signed = DkimSigner.relaxed().sign(DkimSignerTest.MESSAGE.getBytes(StandardCharsets.UTF_8), List.of(rsa, ed), Instant.now());
        DkimVerifier v = new DkimVerifier(keys::get);
        assertThat(v.verify(signed, Instant.now())).extracting(DkimVerifier.Result::pass).containsExactly(true, true);
        String s = new String(signed, StandardCharsets.UTF_8);
        assertThat(v.verify(s.replace("with tabs", "with taps").getBytes(StandardCharsets.UTF_8), Instant.now()))
                .allSatisfy(r -> assertThat(r.reason()).contains("body hash mismatch"));
        assertThat(v.verify(s.replace("Subject: A  folded", "Subject: A  forged").getBytes(StandardCharsets.UTF_8), Instant.now()))
                .allSatisfy(r -> assertThat(r.reason()).contains("does not match"));
        assertThat(new DkimVerifier(n -> null).verify(signed, Instant.now())).allSatisfy(r -> assertThat(r.reason()).contains("no key record"));
        assertThat(new DkimVerifier(keys::get).verify("DKIM-Signature: garbage\r\n\r\nx".getBytes(StandardCharsets.US_ASCII), Instant.now()))
                .singleElement().satisfies(r -> assertThat(r.pass()).isFalse());
    }

    /** "NAME VALUE" lines. */
    static Map<String, String> records(List<String> lines) {
        Map<String, String> out = new HashMap<>();
        for (String line : lines) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                out.put(line.substring(0, sp).strip().replaceAll("\\.$", ""), line.substring(sp + 1).strip());
            }
        }
        return out;
    }
}
