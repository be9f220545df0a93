package dev.homing.campaign;

import dev.homing.list.InstallSecret;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The VERP return path of a delivery: {@code b-<id base36>-<mac>@<bounce domain>}. The delivery id
 * tells a bounce which delivery it is about without parsing the bounce; the MAC (HMAC-SHA256 under
 * the install secret, 50 bits as 10 base32 characters) means nobody can forge a bounce for a
 * delivery they did not receive. Lower case only: some MTAs fold the case of local parts.
 */
public final class Verp {
    private static final String PREFIX = "b-";
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private final InstallSecret secret;
    private final String domain;
    private final ThreadLocal<Mac> mac;

    public Verp(InstallSecret secret, String bounceDomain) {
        this.secret = secret;
        this.domain = bounceDomain.toLowerCase(Locale.ROOT);
        this.mac = ThreadLocal.withInitial(() -> secret.mac("verp"));
    }

    public String domain() {
        return domain;
    }

    /** The envelope sender for this delivery. */
    public String address(long deliveryId) {
        String id = Long.toString(deliveryId, 36);
        return PREFIX + id + "-" + tag(id) + "@" + domain;
    }

    /**
     * The delivery's signed token ({@code id36-tag}, the tag a MAC under the install secret): what the copy carries in its
     * {@code X-Homing-Delivery} header and its Message-ID, so that a report quoting either is tied to the delivery by
     * something only this installation could have made.
     */
    public String token(long deliveryId) {
        String id = Long.toString(deliveryId, 36);
        return id + "-" + tag(id);
    }

    /** The delivery a token names, if its MAC is right; the token may be surrounded by white space. */
    public OptionalLong fromToken(String token) {
        if (token == null) {
            return OptionalLong.empty();
        }
        String t = token.strip().toLowerCase(Locale.ROOT);
        int dash = t.lastIndexOf('-');
        if (dash <= 0 || t.length() - dash - 1 != 10) {
            return OptionalLong.empty();
        }
        String id = t.substring(0, dash);
        if (id.length() > 13 || !java.security.MessageDigest.isEqual(tag(id).getBytes(StandardCharsets.US_ASCII),
                t.substring(dash + 1).getBytes(StandardCharsets.US_ASCII))) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(id, 36));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The delivery a Message-ID of ours names ({@code <token.random@domain>}), if its token's MAC is right; empty for
     * any other Message-ID.
     */
    public OptionalLong fromMessageId(String messageId) {
        if (messageId == null) {
            return OptionalLong.empty();
        }
        String s = messageId.strip();
        if (s.startsWith("<")) {
            s = s.substring(1);
        }
        int dot = s.indexOf('.');
        int at = s.indexOf('@');
        if (dot <= 0 || at < dot) {
            return OptionalLong.empty();
        }
        return fromToken(s.substring(0, dot));
    }

    /** The delivery a VERP address names, if the address is ours and its MAC is right. */
    public OptionalLong delivery(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at < 0 || !a.substring(at + 1).equals(domain)) {
            return OptionalLong.empty();
        }
        String local = a.substring(0, at);
        int dash = local.lastIndexOf('-');
        if (!local.startsWith(PREFIX) || dash <= PREFIX.length()) {
            return OptionalLong.empty();
        }
        String id = local.substring(PREFIX.length(), dash);
        if (!java.security.MessageDigest.isEqual(tag(id).getBytes(StandardCharsets.US_ASCII),
                local.substring(dash + 1).getBytes(StandardCharsets.US_ASCII))) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(id, 36));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private String tag(String id) {
        byte[] h = mac.get().doFinal(id.getBytes(StandardCharsets.US_ASCII));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (h[i] & 0xff);
        }
        char[] out = new char[10];
        for (int i = 0; i < 10; i++) {
            out[i] = ALPHABET[(int) ((bits >>> (59 - 5 * i)) & 31)];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "Verp[" + domain + ", " + secret + "]";
    }
}
