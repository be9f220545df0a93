package dev.homing.auth;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Locale;
import java.util.Optional;

/**
 * The JCA provider that makes DKIM signatures. Amazon Corretto Crypto Provider (AWS-LC, native)
 * signs RSA-2048 about 2.5 times and Ed25519 about 30 times faster than the JDK on linux-x86_64,
 * so it is used where its native library loads and passes its self-tests; anywhere else the JDK
 * signs. ACCP is asked for by object, never installed as a JVM-wide provider: TLS and every
 * other use of the JCA stay as they are. {@code -Dhoming.dkim.provider=jdk|accp|auto} overrides
 * the choice (auto by default; accp fails when it cannot load).
 */
public final class SigningProvider {
    public static final String PROPERTY = "homing.dkim.provider";
    private static final Logger log = LoggerFactory.getLogger(SigningProvider.class);
    private static final SigningProvider JDK = new SigningProvider("JDK", null);

    private final String name;
    /** null: the JDK's own providers, found the usual way. */
    private final Provider provider;

    private SigningProvider(String name, Provider provider) {
        this.name = name;
        this.provider = provider;
    }

    /** ACCP, loaded and checked on first use; the reason it is not available otherwise. */
    private static final class Native {
        static final SigningProvider ACCP;
        static final String PROBLEM;

        static {
            SigningProvider p = null;
            String problem = null;
            try {
                AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
                // a missing or foreign-arch native library is reported here, not thrown at class loading
                accp.assertHealthy();
                p = new SigningProvider("ACCP", accp);
            } catch (Throwable e) {
                // any failure (no native library for this OS/arch, failed self-test, linkage) means the JDK signs
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            ACCP = p;
            PROBLEM = problem;
        }
    }

    /** The provider DKIM signing uses, chosen once per process; a bad override is kept as the error to report. */
    private static final class Chosen {
        static final SigningProvider INSTANCE;
        static final String ERROR;

        static {
            String want = System.getProperty(PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
            SigningProvider p = null;
            String error = null;
            switch (want) {
                case "jdk" -> {
                    log.info("DKIM signatures by the JDK provider ({}=jdk)", PROPERTY);
                    p = JDK;
                }
                case "accp" -> {
                    p = Native.ACCP;
                    if (p == null) {
                        error = PROPERTY + "=accp, but Amazon Corretto Crypto Provider is not usable here: " + Native.PROBLEM;
                    }
                }
                case "auto" -> {
                    p = Native.ACCP == null ? JDK : Native.ACCP;
                    if (Native.ACCP == null) {
                        log.info("DKIM signatures by the JDK provider: Amazon Corretto Crypto Provider not usable here ({})", Native.PROBLEM);
                    }
                }
                default -> error = PROPERTY + "=" + want + ": use jdk, accp or auto";
            }
            INSTANCE = p;
            ERROR = error;
        }
    }

    /** What DKIM signing uses: {@code homing.dkim.provider}, by default ACCP when usable, else the JDK. */
    public static SigningProvider chosen() {
        if (Chosen.INSTANCE == null) {
            throw new IllegalStateException(Chosen.ERROR);
        }
        return Chosen.INSTANCE;
    }

    public static SigningProvider jdk() {
        return JDK;
    }

    /** Amazon Corretto Crypto Provider, when its native library loads and is healthy on this machine. */
    public static Optional<SigningProvider> accp() {
        return Optional.ofNullable(Native.ACCP);
    }

    /** Why {@link #accp()} is empty (null when it is not). */
    public static String accpProblem() {
        return Native.PROBLEM;
    }

    public String name() {
        return name;
    }

    /** A key made ready to sign with this provider: translated once here, not once per signature. */
    public Prepared prepare(DkimKey key) {
        PrivateKey k = key.privateKey();
        if (provider != null && key.algorithm() == DkimAlgorithm.RSA_SHA256) {
            // ACCP turns a JDK RSA key into its native form on every initSign (it halves the rate): do it once
            try {
                k = (PrivateKey) KeyFactory.getInstance("RSA", provider).translateKey(k);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(name + " does not accept the RSA key of " + key.domain() + ": " + e.getMessage(), e);
            }
        }
        // Ed25519: ACCP registers no Ed25519 KeyFactory by default and reads a JDK key's 32-byte seed cheaply
        return new Prepared(key, k);
    }

    @Override
    public String toString() {
        return name;
    }

    /** One DKIM key in the form this provider signs with fastest. */
    public final class Prepared {
        private final DkimKey key;
        private final PrivateKey privateKey;
        private final String algorithm;

        private Prepared(DkimKey key, PrivateKey privateKey) {
            this.key = key;
            this.privateKey = privateKey;
            this.algorithm = key.algorithm() == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519";
        }

        public DkimKey key() {
            return key;
        }

        public SigningProvider provider() {
            return SigningProvider.this;
        }

        /** The signature primitive over {@code data}: SHA256withRSA, or pure Ed25519 (the caller hashes first, RFC 8463). */
        public byte[] sign(byte[] data) {
            try {
                Signature s = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
                s.initSign(privateKey);
                s.update(data);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with the " + key.algorithm().tag() + " key of " + key.domain()
                        + " (" + name + "): " + e.getMessage(), e);
            }
        }
    }
}
