package dev.homing.cli;

import dev.homing.auth.DkimAlgorithm;
import dev.homing.auth.DkimKey;
import dev.homing.auth.DkimSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code homing dkim keygen|sign}: make keys and their DNS records; sign a message from standard input. */
@Command(name = "dkim", description = "DKIM keys and signing.", subcommands = {DkimCommand.Keygen.class, DkimCommand.Sign.class})
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

    private DkimCommand() {
    }

}
