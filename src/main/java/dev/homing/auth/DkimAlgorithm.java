package dev.homing.auth;

import java.util.Locale;

/** The two signing algorithms a receiver may know: rsa-sha256 (everyone) and ed25519-sha256 (RFC 8463). */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa", "RSA"),
    ED25519_SHA256("ed25519-sha256", "ed25519", "Ed25519");

    private final String tag;
    private final String keyType;
    private final String jca;

    DkimAlgorithm(String tag, String keyType, String jca) {
        this.tag = tag;
        this.keyType = keyType;
        this.jca = jca;
    }

    /** The value of the signature's a= tag. */
    public String tag() {
        return tag;
    }

    /** The value of the DNS record's k= tag. */
    public String keyType() {
        return keyType;
    }

    String jca() {
        return jca;
    }

    public static DkimAlgorithm fromName(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "rsa", "rsa-sha256" -> RSA_SHA256;
            case "ed25519", "ed25519-sha256" -> ED25519_SHA256;
            default -> throw new IllegalArgumentException("DKIM algorithm is rsa or ed25519, not \"" + s + "\"");
        };
    }
}
