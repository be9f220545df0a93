package dev.homing.list;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The per-install secret that signs links (confirmation, unsubscribe): 32 random bytes in
 * {@code HOME/data/secret.key}, made on first use, readable by the owner only where the file system
 * has POSIX permissions. Losing or replacing the file invalidates every link already sent.
 */
public final class InstallSecret {
    /** Bytes of the secret. */
    static final int LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final Path file;

    private InstallSecret(byte[] secret, Path file) {
        this.secret = secret;
        this.file = file;
    }

    /** The install's secret under {@code home/data/secret.key}, created there if it does not exist. */
    public static InstallSecret load(Path home) {
        Path file = home.resolve("data").resolve("secret.key");
        try {
            return new InstallSecret(read(file), file);
        } catch (NoSuchFileException absent) {
            return new InstallSecret(create(file), file);
        }
    }

    /** The file the secret lives in. */
    public Path file() {
        return file;
    }

    /**
     * A fresh HMAC-SHA256 keyed for one use of the secret ("tokens", ...): the key is derived from
     * the secret and the use, so two uses never share a key. A Mac is not thread-safe: one per call.
     */
    public Mac mac(String use) {
        try {
            byte[] derived = derive(use);
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(derived, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }

    private byte[] derive(String use) throws GeneralSecurityException {
        Mac root = Mac.getInstance(ALGORITHM);
        root.init(new SecretKeySpec(secret, ALGORITHM));
        return root.doFinal(("homing/" + use).getBytes(StandardCharsets.UTF_8));
    }

    /** What {@link #seal} puts before its output, so a stored value says whether it is sealed. */
    public static final String SEALED = "sealed:v1:";

    /**
     * The text encrypted and authenticated (AES-256-GCM, a random 96-bit nonce) under a key derived from the secret
     * for this use: what must be stored but not readable from a copy of the database alone (webhook secrets).
     */
    public String seal(String use, String text) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new SecretKeySpec(derive("seal/" + use), "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            aes.updateAAD(use.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = aes.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return SEALED + java.util.Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    /** The text {@link #seal} sealed for this use; refused when it was sealed under another secret or changed. */
    public String open(String use, String sealed) {
        if (!sealed.startsWith(SEALED)) {
            throw new ListException("not a sealed value");
        }
        try {
            byte[] in = java.util.Base64.getDecoder().decode(sealed.substring(SEALED.length()));
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(javax.crypto.Cipher.DECRYPT_MODE, new SecretKeySpec(derive("seal/" + use), "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, in, 0, 12));
            aes.updateAAD(use.getBytes(StandardCharsets.UTF_8));
            return new String(aes.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException | IllegalArgumentException e) {
            throw new ListException("a sealed " + use + " does not open with this install's secret (" + file
                    + "): the secret was replaced, or the value changed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "InstallSecret[" + file + "]";
    }

    private static byte[] read(Path file) throws NoSuchFileException {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new ListException("cannot read the install secret " + file + ": it is not a file");
            }
            long size = Files.size(file);
            if (size != LENGTH) {
                throw wrongLength(file, size);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != LENGTH) {
                throw wrongLength(file, bytes.length);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ListException("cannot read the install secret " + file + ": " + describe(e), e);
        }
    }

    private static ListException wrongLength(Path file, long size) {
        return new ListException("the install secret " + file + " has " + size + " bytes instead of " + LENGTH
                + ": it is damaged (remove it to make a new one; links already sent then stop working)");
    }

    /**
     * Writes a new secret to a temporary file and links it into place, so that a process racing
     * this one either sees no file or a complete one; when another process won, its secret is used.
     */
    private static byte[] create(Path file) {
        Path dir = file.getParent();
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] ownerOnly = posix
                    ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            tmp = Files.createTempFile(dir, "secret", ".tmp", ownerOnly);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(bytes);
            }
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException lost) {
                return read(file);
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (Files.exists(file)) {
                    return read(file);
                }
                Files.move(tmp, file);
                tmp = null;
            }
            return bytes;
        } catch (IOException e) {
            throw new ListException("cannot create the install secret " + file + ": " + describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file holds nothing that is used
                }
            }
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
    }
}
