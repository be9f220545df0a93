package dev.homing.list;

import dev.homing.store.Database;

import javax.crypto.Mac;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Signed, expiring links for double opt-in confirmation and unsubscribe.
 *
 * <p>A token is the base64url text (no padding) of a payload and its HMAC-SHA256 under a key
 * derived from the {@link InstallSecret}: version (1 byte), purpose (1), list id (8), expiry in
 * epoch seconds (8), a random nonce (16), the address key in UTF-8, then the 32-byte MAC. It cannot
 * be forged or altered without the secret, and two tokens for the same address differ by their
 * nonce. Anything that is not a token we made (garbage, truncated, altered, signed elsewhere) is
 * "the link is damaged"; {@link #verify} and {@link #consume} never throw on the token text.
 *
 * <p>Use by purpose:
 * <ul>
 * <li>{@link Purpose#CONFIRM} tokens are short-lived ({@link Purpose#lifetime()}: 7 days) and single
 * use: {@link #consume} records the nonce in the same transaction that accepts it, so a second click,
 * even at the same moment, gets "the link was already used".</li>
 * <li>{@link Purpose#UNSUBSCRIBE} tokens are long-lived (about ten years: an old newsletter's link
 * must still work) and are checked with {@link #verify} only, never consumed: RFC 8058 one-click
 * unsubscribe is a POST that mail providers may send more than once, and unsubscribing twice is
 * harmless, so it must stay idempotent.</li>
 * </ul>
 */
public final class Tokens {
    /** Tokens longer than this are refused unread. */
    static final int MAX_LENGTH = 2_000;
    static final String DAMAGED = "the link is damaged";
    static final String EXPIRED = "the link has expired";
    static final String USED = "the link was already used";
    static final String OTHER_PURPOSE = "the link is for something else";

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 16;
    private static final int MAC_BYTES = 32;
    /** version, purpose, list id, expiry, nonce */
    private static final int HEADER_BYTES = 1 + 1 + 8 + 8 + NONCE_BYTES;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a link is for; the purpose is signed, so a link made for one is refused for the other. */
    public enum Purpose {
        CONFIRM(1, Duration.ofDays(7)),
        UNSUBSCRIBE(2, Duration.ofDays(3650));

        private final byte code;
        private final Duration lifetime;

        Purpose(int code, Duration lifetime) {
            this.code = (byte) code;
            this.lifetime = lifetime;
        }

        /** How long a link of this purpose should stay valid: give {@code now + lifetime()} to issue. */
        public Duration lifetime() {
            return lifetime;
        }

        static Purpose of(byte code) {
            for (Purpose p : values()) {
                if (p.code == code) {
                    return p;
                }
            }
            return null;
        }
    }

    /** The outcome of checking a token. */
    public sealed interface Verified permits Valid, Invalid {
    }

    /** A genuine token in date: the address and list it was made for, and its nonce (hex). */
    public record Valid(String emailKey, long listId, String nonce) implements Verified {
    }

    /** A refused token, with a reason fit to show the person who clicked. */
    public record Invalid(String reason) implements Verified {
    }

    private final Database db;
    private final InstallSecret secret;

    /** Tokens signed with this install's secret; the database records consumed tokens. */
    public Tokens(Database db, InstallSecret secret) {
        this.db = db;
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** A new token for this address on this list, valid until {@code expires}. */
    public String issue(Purpose purpose, String emailKey, long listId, Instant expires) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expires, "expires");
        if (emailKey == null || emailKey.isEmpty()) {
            throw new IllegalArgumentException("a link needs an address");
        }
        byte[] address = emailKey.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        ByteBuffer payload = ByteBuffer.allocate(HEADER_BYTES + address.length);
        payload.put(VERSION).put(purpose.code).putLong(listId).putLong(expires.getEpochSecond()).put(nonce).put(address);
        Mac mac = mac();
        mac.update(payload.array());
        byte[] token = Arrays.copyOf(payload.array(), payload.capacity() + MAC_BYTES);
        byte[] signature = mac.doFinal();
        System.arraycopy(signature, 0, token, payload.capacity(), MAC_BYTES);
        String text = ENCODER.encodeToString(token);
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the address is too long for a link: " + emailKey.length() + " characters");
        }
        return text;
    }

    /**
     * Checks a token without using it up: signature, purpose, then expiry ({@code now} before the
     * expiry second). This is the check for unsubscribe links, which stay usable however often used.
     */
    public Verified verify(Purpose purpose, String token, Instant now) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(now, "now");
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return new Invalid(DAMAGED);
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException notBase64) {
            return new Invalid(DAMAGED);
        }
        // one token has one spelling: base64 text with padding or with other unused bits is not ours
        if (bytes.length < HEADER_BYTES + 1 + MAC_BYTES || !ENCODER.encodeToString(bytes).equals(token)) {
            return new Invalid(DAMAGED);
        }
        int payloadLength = bytes.length - MAC_BYTES;
        Mac mac = mac();
        mac.update(bytes, 0, payloadLength);
        byte[] expected = mac.doFinal();
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, payloadLength, bytes.length))) {
            return new Invalid(DAMAGED);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, payloadLength);
        byte version = in.get();
        Purpose signed = Purpose.of(in.get());
        long listId = in.getLong();
        long expiry = in.getLong();
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        if (version != VERSION || signed == null) {
            return new Invalid(DAMAGED);
        }
        if (signed != purpose) {
            return new Invalid(OTHER_PURPOSE);
        }
        if (now.getEpochSecond() >= expiry) {
            return new Invalid(EXPIRED);
        }
        String emailKey;
        try {
            emailKey = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in.slice())
                    .toString();
        } catch (CharacterCodingException e) {
            return new Invalid(DAMAGED);
        }
        return new Valid(emailKey, listId, HexFormat.of().formatHex(nonce));
    }

    /**
     * Verifies a token and uses it up in one transaction: of any number of calls with the same
     * token, sequential or at the same moment, exactly one is {@link Valid}; the others are
     * "the link was already used". For confirmation links; unsubscribe links use {@link #verify}.
     * A database failure throws {@link ListException}.
     */
    public Verified consume(Purpose purpose, String token, Instant now) {
        Verified checked = verify(purpose, token, now);
        if (!(checked instanceof Valid valid)) {
            return checked;
        }
        if (db == null) {
            throw new IllegalStateException("these tokens have no database to record used links in");
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(TokenSql.INSERT_USED)) {
                ps.setString(1, valid.nonce());
                ps.setString(2, purpose.name().toLowerCase(Locale.ROOT));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.executeUpdate();
                c.commit();
                return valid;
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return new Invalid(USED);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new ListException("cannot record the use of a link: " + e.getMessage(), e);
        }
    }

    private Mac mac() {
        return secret.mac("tokens");
    }
}
