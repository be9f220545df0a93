package dev.homing.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signing key of one domain and selector, with the TXT record that publishes its public half.
 * Kept as PKCS#8 PEM in {@code HOME/data/dkim/DOMAIN/SELECTOR.ALGORITHM.pem}, readable by the owner only.
 */
public record DkimKey(String domain, String selector, DkimAlgorithm algorithm, PrivateKey privateKey, byte[] publicKeyData) {

    public static DkimKey generate(String domain, String selector, DkimAlgorithm algorithm, int rsaBits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.jca());
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                g.initialize(rsaBits);
            }
            KeyPair kp = g.generateKeyPair();
            return new DkimKey(domain.toLowerCase(java.util.Locale.ROOT), selector, algorithm, kp.getPrivate(), publicData(algorithm, kp.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make " + algorithm.keyType() + " keys: " + e.getMessage(), e);
        }
    }

    /** RFC 6376 3.6.1: p= is the SubjectPublicKeyInfo for RSA; RFC 8463: the raw 32-byte key for Ed25519. */
    private static byte[] publicData(DkimAlgorithm algorithm, PublicKey pub) {
        byte[] spki = pub.getEncoded();
        return algorithm == DkimAlgorithm.ED25519_SHA256 ? Arrays.copyOfRange(spki, spki.length - 32, spki.length) : spki;
    }

    /** The DNS TXT record to publish: name and value. */
    public String dnsRecord() {
        return selector + "._domainkey." + domain + ". IN TXT \"" + txtValue() + "\"";
    }

    public String txtValue() {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(publicKeyData);
    }

    static Path file(Path home, String domain, String selector, DkimAlgorithm algorithm) {
        return home.resolve("data").resolve("dkim").resolve(domain.toLowerCase(java.util.Locale.ROOT))
                .resolve(selector + "." + algorithm.keyType() + ".pem");
    }

    /** Writes the private key (owner-only where POSIX permissions exist) and returns its path. */
    public Path save(Path home) throws IOException {
        Path f = file(home, domain, selector, algorithm);
        Files.createDirectories(f.getParent());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(f, pem, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return f;
    }

    /** Every key saved for this domain and selector (RSA first, then Ed25519): zero, one or two signatures. */
    public static java.util.List<DkimKey> saved(Path home, String domain, String selector) throws IOException {
        java.util.List<DkimKey> keys = new java.util.ArrayList<>();
        for (DkimAlgorithm a : DkimAlgorithm.values()) {
            if (Files.isRegularFile(file(home, domain, selector, a))) {
                keys.add(load(home, domain, selector, a));
            }
        }
        return keys;
    }

    /** Reads a key written by {@link #save}; a clear error names the file. */
    public static DkimKey load(Path home, String domain, String selector, DkimAlgorithm algorithm) throws IOException {
        Path f = file(home, domain, selector, algorithm);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no " + algorithm.keyType() + " DKIM key for " + selector + "._domainkey." + domain + " (" + f
                    + "); make one with 'homing dkim keygen " + domain + " " + selector + "'");
        }
        String pem = Files.readString(f, StandardCharsets.US_ASCII);
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
            PrivateKey key = KeyFactory.getInstance(algorithm.jca()).generatePrivate(new PKCS8EncodedKeySpec(der));
            PublicKey pub = publicOf(key, algorithm);
            return new DkimKey(domain.toLowerCase(java.util.Locale.ROOT), selector, algorithm, key, publicData(algorithm, pub));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the DKIM key file " + f + " is not a PKCS#8 " + algorithm.keyType() + " key: " + e.getMessage(), e);
        }
    }

    private static PublicKey publicOf(PrivateKey key, DkimAlgorithm algorithm) throws GeneralSecurityException {
        KeyFactory kf = KeyFactory.getInstance(algorithm.jca());
        if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
            return kf.generatePublic(new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof java.security.interfaces.EdECPrivateKey ed) {
            // the JDK has no direct derivation: generate again from the same 32-byte seed
            byte[] seed = ed.getBytes().orElseThrow(() -> new GeneralSecurityException("Ed25519 key without its seed"));
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, new FixedRandom(seed));
            return g.generateKeyPair().getPublic();
        }
        throw new GeneralSecurityException("unsupported key " + key.getAlgorithm());
    }

    /** Feeds a known seed to the Ed25519 generator, the only JDK path from a private key to its public key. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
