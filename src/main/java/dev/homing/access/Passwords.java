package dev.homing.access;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 from the JDK (no dependency), 16-byte salt, stored with the
 * iteration count so that it can be raised later without breaking old hashes.
 */
public final class Passwords {
    /**
     * OWASP Password Storage Cheat Sheet (2023 onward): 600,000 iterations for PBKDF2-HMAC-SHA256. About a
     * quarter of a second per check on one core: slow for a guesser, fine for a login. A stored hash with
     * fewer is replaced at its owner's next login ({@link #outdated}).
     */
    public static final int ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
    }

    public static boolean matches(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    /** Whether a stored hash was made with fewer iterations than today's (or another scheme): rehash it once the password is known. */
    public static boolean outdated(String stored) {
        String[] parts = stored.split("\\$");
        try {
            return parts.length != 4 || !parts[0].equals("pbkdf2-sha256") || Integer.parseInt(parts[1]) < ITERATIONS;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** A one-time password people can type: 20 characters without look-alikes (about 116 bits). */
    public static String generate() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Why a new password is refused, or null when it is acceptable. */
    public static String weakness(String password) {
        if (password == null || password.length() < 12) {
            return "use at least 12 characters";
        }
        if (password.length() > 200) {
            return "use at most 200 characters";
        }
        return null;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
