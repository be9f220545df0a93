package dev.homing.auth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Our signatures checked by an independent verifier: dkimpy (Debian python3-dkim), with the key records given to it directly. */
class DkimSignerTest {
    @TempDir
    static Path dir;
    static DkimKey rsa;
    static DkimKey ed;

    static final String MESSAGE = "From: \"Ann Example\" <ann@example.com>\r\n"
            + "To: bob@example.org\r\n"
            + "Subject: A  folded\r\n\t subject   with   spaces  \r\n"
            + "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <1@example.com>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "X-Not-Signed: whatever\r\n"
            + "\r\n"
            + "Héllo Bob,  \r\n"
            + "\twith tabs\tand   runs of spaces   \r\n"
            + ".a line starting with a dot\r\n"
            + "\r\n\r\n\r\n";

    @BeforeAll
    static void keys() {
        rsa = DkimKey.generate("example.com", "s2048", DkimAlgorithm.RSA_SHA256, 2048);
        ed = DkimKey.generate("example.com", "s25519", DkimAlgorithm.ED25519_SHA256, 0);
    }

    static int dkimpy(byte[] message, List<String> out, DkimKey... published) throws Exception {
        Path m = Files.createTempFile(dir, "msg", ".eml");
        Files.write(m, message);
        Path script = Path.of(DkimSignerTest.class.getResource("/auth/dkimpy_verify.py").toURI());
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), m.toString()));
        for (DkimKey k : published) {
            cmd.add(k.selector() + "._domainkey." + k.domain() + "=" + k.txtValue());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        out.addAll(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        return p.exitValue();
    }

    private static byte[] msg() {
        return MESSAGE.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rsaRelaxedVerifiesWithDkimpy() throws Exception {
        byte[] signed = DkimSigner.relaxed().sign(msg(), List.of(rsa), Instant.now());
        List<String> out = new ArrayList<>();
        assertThat(dkimpy(signed, out, rsa)).as(String.join("\n", out)).isZero();
        assertThat(out).containsExactly("ok");
        String head = new String(signed, StandardCharsets.UTF_8);
        assertThat(head).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n\td=example.com; s=s2048;")
                .contains("h=from:from:subject:date:to:message-id:mime-version:content-type\r\n\t:content-transfer-encoding;");
    }

    @Test
    void ed25519VerifiesWithDkimpyAndTwoSignaturesCoexist() throws Exception {
        byte[] signed = DkimSigner.relaxed().sign(msg(), List.of(ed, rsa), Instant.now());
        List<String> out = new ArrayList<>();
        assertThat(dkimpy(signed, out, ed, rsa)).as(String.join("\n", out)).isZero();
        assertThat(out).containsExactly("ok", "ok");
        assertThat(new String(signed, StandardCharsets.UTF_8)).startsWith("DKIM-Signature: v=1; a=ed25519-sha256;");
    }

    @Test
    void simpleSimpleAndAnEmptyBodyVerify() throws Exception {
        byte[] signed = new DkimSigner(DkimSigner.Canonicalization.SIMPLE, DkimSigner.Canonicalization.SIMPLE)
                .sign(msg(), List.of(rsa), Instant.now());
        List<String> out = new ArrayList<>();
        assertThat(dkimpy(signed, out, rsa)).as(String.join("\n", out)).isZero();
        byte[] empty = DkimSigner.relaxed().sign("From: a@example.com\nSubject: empty\n\n".getBytes(StandardCharsets.US_ASCII),
                List.of(ed), Instant.now());
        out.clear();
        assertThat(dkimpy(empty, out, ed)).as(String.join("\n", out)).isZero();
    }

    @Test
    void tamperingIsCaughtByTheIndependentVerifier() throws Exception {
        byte[] signed = DkimSigner.relaxed().sign(msg(), List.of(rsa), Instant.now());
        String s = new String(signed, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        assertThat(dkimpy(s.replace("with tabs", "with taps").getBytes(StandardCharsets.UTF_8), out, rsa)).isNotZero();
        out.clear();
        // a second From added above the signed one: oversigning makes this fail
        String extraFrom = s.replace("From: \"Ann Example\"", "From: evil@example.net\r\nFrom: \"Ann Example\"");
        assertThat(dkimpy(extraFrom.getBytes(StandardCharsets.UTF_8), out, rsa)).isNotZero();
        out.clear();
        assertThat(dkimpy(signed, out, DkimKey.generate("example.com", "s2048", DkimAlgorithm.RSA_SHA256, 2048)))
                .as("another key under the same name").isNotZero();
    }

    @Test
    void keysSaveAndLoadBackToTheSameRecord() throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        rsa.save(home);
        ed.save(home);
        assertThat(DkimKey.load(home, "example.com", "s2048", DkimAlgorithm.RSA_SHA256).txtValue()).isEqualTo(rsa.txtValue());
        DkimKey back = DkimKey.load(home, "example.com", "s25519", DkimAlgorithm.ED25519_SHA256);
        assertThat(back.txtValue()).isEqualTo(ed.txtValue());
        byte[] signed = DkimSigner.relaxed().sign(msg(), List.of(back), Instant.now());
        List<String> out = new ArrayList<>();
        assertThat(dkimpy(signed, out, ed)).as("a reloaded Ed25519 key signs for the published record").isZero();
        assertThat(ed.txtValue()).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");
    }

    /** This machine is linux-x86_64: ACCP must load here, or the speed requirement silently falls back to the JDK. */
    static SigningProvider accp() {
        return SigningProvider.accp().orElseThrow(() -> new AssertionError(
                "Amazon Corretto Crypto Provider did not load on this machine (" + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch") + "): " + SigningProvider.accpProblem()));
    }

    @Test
    void bothProvidersSignRsaAndEd25519ForDkimpy() throws Exception {
        Path home = Files.createTempDirectory(dir, "providers");
        rsa.save(home);
        ed.save(home);
        // keys as the engine has them: read back from PKCS#8 by the JDK KeyFactory
        DkimKey rsaLoaded = DkimKey.load(home, "example.com", "s2048", DkimAlgorithm.RSA_SHA256);
        DkimKey edLoaded = DkimKey.load(home, "example.com", "s25519", DkimAlgorithm.ED25519_SHA256);
        for (SigningProvider p : List.of(SigningProvider.jdk(), accp())) {
            DkimSigner signer = DkimSigner.relaxed().using(p);
            for (DkimKey k : List.of(rsa, ed, rsaLoaded, edLoaded)) {
                // twice with one signer: the second signature uses the key prepared by the first
                for (int i = 0; i < 2; i++) {
                    byte[] signed = signer.sign(msg(), List.of(k), Instant.now());
                    List<String> out = new ArrayList<>();
                    assertThat(dkimpy(signed, out, k)).as(p + " " + k.algorithm() + ": " + String.join("\n", out)).isZero();
                    assertThat(out).containsExactly("ok");
                }
            }
            byte[] both = signer.sign(msg(), List.of(rsaLoaded, edLoaded), Instant.now());
            List<String> out = new ArrayList<>();
            assertThat(dkimpy(both, out, rsa, ed)).as(p + ": " + String.join("\n", out)).isZero();
            assertThat(out).containsExactly("ok", "ok");
        }
    }

    @Test
    void providersMakeTheSameBytes() {
        // RSA PKCS#1 v1.5 and Ed25519 are deterministic: native and JDK signatures of one input must be identical
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        byte[] jdk = DkimSigner.relaxed().using(SigningProvider.jdk()).sign(msg(), List.of(rsa, ed), t);
        byte[] accp = DkimSigner.relaxed().using(accp()).sign(msg(), List.of(rsa, ed), t);
        assertThat(new String(accp, StandardCharsets.UTF_8)).isEqualTo(new String(jdk, StandardCharsets.UTF_8));
    }

    @Test
    void autoPicksTheNativeProviderHere() {
        accp();
        String forced = System.getProperty(SigningProvider.PROPERTY);
        if (forced == null || forced.equals("auto") || forced.equals("accp")) {
            assertThat(SigningProvider.chosen().name()).isEqualTo("ACCP");
        } else {
            assertThat(SigningProvider.chosen().name()).isEqualTo("JDK");
        }
    }

    @Test
    void canonicalizationFollowsTheRfcExample() {
        // RFC 6376 3.4.5
        assertThat(Canonical.relaxedHeader("A: X")).isEqualTo("a:X");
        assertThat(Canonical.relaxedHeader("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z");
        byte[] body = " C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(Canonical.relaxedBody(body), StandardCharsets.US_ASCII)).isEqualTo(" C\r\nD E\r\n");
        assertThat(new String(Canonical.simpleBody(body), StandardCharsets.US_ASCII)).isEqualTo(" C \r\nD \t E\r\n");
        assertThat(Canonical.relaxedBody(new byte[0])).isEmpty();
        assertThat(new String(Canonical.relaxedBody("no end \t".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII))
                .isEqualTo("no end\r\n");
        byte[] lf = "a\nb\r\nc\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(Canonical.toCrlf(lf), StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\n");
    }
}
