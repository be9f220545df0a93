package dev.homing.cli;

import dev.homing.auth.DkimAlgorithm;
import dev.homing.auth.DkimKey;
import dev.homing.auth.DkimSigner;
import dev.homing.auth.SigningProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** {@code homing dkim keygen|sign|speed}: make keys and their DNS records; sign a message from standard input; measure signing. */
@Command(name = "dkim", description = "DKIM keys and signing.", subcommands = {DkimCommand.Keygen.class, DkimCommand.Sign.class, DkimCommand.Speed.class})
final class DkimCommand {

    @Command(name = "keygen", description = "Make a DKIM key for DOMAIN and SELECTOR and print the DNS TXT record to publish.")
    static final class Keygen implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "DOMAIN")
        String domain;
        @Parameters(index = "1", paramLabel = "SELECTOR")
        String selector;
        @Option(names = "--algorithm", defaultValue = "rsa", description = "rsa (rsa-sha256, every receiver) or ed25519 (RFC 8463).")
        String algorithm;
        @Option(names = "--bits", defaultValue = "2048", description = "RSA key size.")
        int bits;

        @Override
        public Integer call() throws IOException {
            DkimAlgorithm a = DkimAlgorithm.fromName(algorithm);
            if (a == DkimAlgorithm.RSA_SHA256 && (bits < 1024 || bits > 4096)) {
                throw new IllegalArgumentException("--bits " + bits + ": receivers accept 1024 to 4096; use 2048");
            }
            DkimKey key = DkimKey.generate(domain, selector, a, bits);
            Path file = key.save(home.home());
            System.err.println("private key written to " + file + " (keep it secret); publish this record:");
            System.out.println(key.dnsRecord());
            return 0;
        }
    }

    @Command(name = "sign", description = "Sign the message on standard input with DOMAIN's SELECTOR key(s) and print it.")
    static final class Sign implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "DOMAIN")
        String domain;
        @Parameters(index = "1", paramLabel = "SELECTOR")
        String selector;
        @Option(names = "--algorithm", defaultValue = "rsa", split = ",",
                description = "rsa, ed25519, or both (rsa,ed25519: two signatures).")
        List<String> algorithms = new ArrayList<>();
        @Option(names = "--simple", description = "simple/simple canonicalization instead of relaxed/relaxed.")
        boolean simple;

        @Override
        public Integer call() throws IOException {
            List<DkimKey> keys = new ArrayList<>();
            for (String a : algorithms) {
                keys.add(DkimKey.load(home.home(), domain, selector, DkimAlgorithm.fromName(a)));
            }
            byte[] message = System.in.readAllBytes();
            if (message.length == 0) {
                throw new IOException("no message on standard input");
            }
            DkimSigner signer = simple ? new DkimSigner(DkimSigner.Canonicalization.SIMPLE, DkimSigner.Canonicalization.SIMPLE)
                    : DkimSigner.relaxed();
            System.out.write(signer.sign(message, keys, Instant.now()));
            System.out.flush();
            return 0;
        }
    }

    @Command(name = "speed", description = "Signatures per second of each provider (JDK, native ACCP) and algorithm:"
            + " the bare signature, and a whole ~5 KB message (canonicalization, body hash, signature). A benchmark, not a test.")
    static final class Speed implements Callable<Integer> {
        @Option(names = "--seconds", defaultValue = "3", description = "Measured time per case (after a warm-up of a third of it).")
        double seconds;
        @Option(names = "--threads", defaultValue = "1", description = "Threads signing at once (1 = the rate of one core).")
        int threads;

        @Override
        public Integer call() throws Exception {
            if (seconds <= 0 || threads < 1) {
                throw new IllegalArgumentException("--seconds must be above 0 and --threads at least 1");
            }
            List<SigningProvider> providers = new ArrayList<>(List.of(SigningProvider.jdk()));
            SigningProvider.accp().ifPresentOrElse(providers::add,
                    () -> System.out.println("dkim-speed-ACCP: unavailable reason=\"" + SigningProvider.accpProblem() + "\""));
            byte[] message = sampleMessage();
            // what the signature covers in a real message: the signed header fields, canonicalized, and the DKIM-Signature stub
            byte[] headerData = new String(message, StandardCharsets.US_ASCII).split("\r\n\r\n", 2)[0]
                    .concat("\r\ndkim-signature:v=1; a=rsa-sha256; c=relaxed/relaxed; d=homing.test; s=bench; t=1796205600;"
                            + " h=from:from:to:subject:date:message-id:mime-version:list-unsubscribe:list-unsubscribe-post:list-id:"
                            + "feedback-id:content-type; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=")
                    .getBytes(StandardCharsets.US_ASCII);
            Instant now = Instant.now();
            for (DkimAlgorithm a : DkimAlgorithm.values()) {
                DkimKey key = DkimKey.generate("homing.test", "speed", a, 2048);
                String alg = a == DkimAlgorithm.RSA_SHA256 ? "rsa2048" : "ed25519";
                // Ed25519 signs the SHA-256 of the data (RFC 8463): the primitive sees 32 bytes
                byte[] raw = a == DkimAlgorithm.RSA_SHA256 ? headerData : sha256(headerData);
                for (SigningProvider p : providers) {
                    SigningProvider.Prepared prepared = p.prepare(key);
                    print("dkim-raw-" + p.name() + "-" + alg, measure(() -> prepared.sign(raw)), raw.length);
                    DkimSigner signer = DkimSigner.relaxed().using(p);
                    print("dkim-message-" + p.name() + "-" + alg, measure(() -> signer.sign(message, List.of(key), now)), message.length);
                }
            }
            System.out.println("dkim-auto: provider=" + SigningProvider.chosen().name() + " property=" + SigningProvider.PROPERTY + "="
                    + System.getProperty(SigningProvider.PROPERTY, "auto"));
            return 0;
        }

        private void print(String name, long[] counted, int bytes) {
            double secs = counted[1] / 1e9;
            System.out.printf("%s: threads=%d input_bytes=%d signatures=%d seconds=%.2f per_s=%.0f%n",
                    name, threads, bytes, counted[0], secs, counted[0] / secs);
        }

        /** {signatures, nanoseconds} on {@code threads} threads for {@code seconds}, after a warm-up that lets the JIT settle. */
        private long[] measure(Runnable op) throws InterruptedException {
            long warm = (long) (seconds * 1e9 / 3);
            long measured = (long) (seconds * 1e9);
            long[] counts = new long[threads];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[2];
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int slot = t;
                workers.add(Thread.ofPlatform().name("dkim-speed-" + t).start(() -> {
                    try {
                        ready.countDown();
                        go.await();
                        long n = 0;
                        while (System.nanoTime() < window[0]) {
                            op.run();
                        }
                        while (System.nanoTime() < window[1]) {
                            op.run();
                            n++;
                        }
                        counts[slot] = n;
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            ready.await();
            long start = System.nanoTime();
            window[0] = start + warm;
            window[1] = start + warm + measured;
            go.countDown(); // the latch publishes window[] to the workers
            for (Thread w : workers) {
                w.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("signing failed: " + failure.get(), failure.get());
            }
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            return new long[]{total, measured};
        }

        private static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }

        /** A campaign-like message of about 5 KB: the usual bulk headers, a text and a quoted-printable HTML part. */
        static byte[] sampleMessage() {
            StringBuilder m = new StringBuilder(6000);
            m.append("From: Homing Bench <news@homing.test>\r\n")
                    .append("To: user42@d7.accept.sandbox.test\r\n")
                    .append("Subject: Your November offer, Name42\r\n")
                    .append("Date: Sat, 28 Nov 2026 10:00:00 GMT\r\n")
                    .append("Message-ID: <16.1x2y3z4w5v6u@homing.test>\r\n")
                    .append("MIME-Version: 1.0\r\n")
                    .append("List-Unsubscribe: <https://homing.test/unsubscribe?t=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789>,\r\n")
                    .append(" <mailto:u.abcdefghij@bounces.homing.test?subject=unsubscribe>\r\n")
                    .append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")
                    .append("List-Id: bench <l1.homing.test>\r\n")
                    .append("Feedback-ID: c1:l1:homing.test:homing\r\n")
                    .append("Content-Type: multipart/alternative; boundary=\"=_hb\"\r\n\r\n")
                    .append("--=_hb\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
            for (int i = 0; i < 25; i++) {
                m.append("Line ").append(i).append(" of the offer for Name42 in City7,   with  some   spaces and a tab\there.\r\n");
            }
            m.append("--=_hb\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
            for (int i = 0; i < 25; i++) {
                m.append("<p style=3D\"margin:0 0 12px\">Paragraph ").append(i)
                        .append(" for <b>Name42</b> in City7: see <a href=3D\"https://homing.test/o/").append(i).append("\">the offer</a></p>\r\n");
            }
            m.append("--=_hb--\r\n");
            return m.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private DkimCommand() {
    }

}
