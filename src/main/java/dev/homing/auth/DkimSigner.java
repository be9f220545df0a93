package dev.homing.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Adds DKIM-Signature fields (RFC 6376; ed25519-sha256 per RFC 8463) to a message: one per key,
 * so a message can carry an RSA and an Ed25519 signature. Relaxed/relaxed by default. The
 * signed header list takes the fields that matter to receivers and that mailing lists must not
 * be able to add unnoticed; From is signed once more than it occurs ("oversigned"), so no second
 * From can be added without breaking the signature.
 */
public final class DkimSigner {
    /** Header fields signed when present, in this order. */
    static final List<String> SIGNED = List.of("from", "reply-to", "subject", "date", "to", "cc", "message-id", "mime-version",
            "content-type", "content-transfer-encoding", "list-unsubscribe", "list-unsubscribe-post", "list-id", "feedback-id",
            "in-reply-to", "references", "sender");
    private static final Set<String> OVERSIGNED = Set.of("from");

    /** How header fields and body are canonicalized: relaxed (the default, survives benign rewrites) or simple. */
    public enum Canonicalization { RELAXED, SIMPLE }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Canonicalization header;
    private final Canonicalization body;
    /** null: the process-wide choice ({@link SigningProvider#chosen()}), looked up at the first signature. */
    private final SigningProvider provider;
    /** Keys already prepared for the provider, found by identity: a campaign signs every copy with the same one or two. */
    private volatile SigningProvider.Prepared[] prepared = new SigningProvider.Prepared[0];

    public DkimSigner(Canonicalization header, Canonicalization body) {
        this(header, body, null);
    }

    private DkimSigner(Canonicalization header, Canonicalization body, SigningProvider provider) {
        this.header = header;
        this.body = body;
        this.provider = provider;
    }

    public static DkimSigner relaxed() {
        return new DkimSigner(Canonicalization.RELAXED, Canonicalization.RELAXED);
    }

    /** The same signer, signing with {@code provider} instead of the process-wide choice (tests, the speed command). */
    public DkimSigner using(SigningProvider provider) {
        return new DkimSigner(header, body, provider);
    }

    /** The message with one DKIM-Signature field per key prepended (line ends CRLF). */
    public byte[] sign(byte[] message, List<DkimKey> keys, Instant now) {
        byte[] crlf = Canonical.toCrlf(message);
        byte[] p = signatures(crlf, crlf.length, keys, now);
        byte[] out = new byte[p.length + crlf.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(crlf, 0, out, p.length, crlf.length);
        return out;
    }

    /**
     * The DKIM-Signature fields alone, one per key, each ending CRLF, for the first {@code length} octets of
     * a message whose line ends are already CRLF (a composer's own): the caller puts them in front of the
     * message when it copies it for the wire, so the message is neither copied nor scanned here more than
     * hashing needs.
     */
    public byte[] signatures(byte[] crlfMessage, int length, List<DkimKey> keys, Instant now) {
        Canonical.Message m = Canonical.parse(crlfMessage, length);
        MessageDigest sha = SHA256.get();
        sha.reset(); // a signature that failed half-way may have left input in it
        Canonical.digestBody(m, body == Canonicalization.RELAXED, sha);
        String bh = Base64.getEncoder().encodeToString(sha.digest());
        // the signed fields and their canonical form are the same for every key: computed once per message
        List<String> names = new ArrayList<>();
        StringBuilder data = signedFields(m, names);
        String h = foldNames(names);
        int signedLength = data.length();
        StringBuilder prefix = new StringBuilder(keys.size() * 512);
        for (DkimKey key : keys) {
            data.setLength(signedLength);
            prefix.append(signature(data, h, prepared(key), bh, now)).append("\r\n");
        }
        return prefix.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of the signed fields, each with CRLF; {@code names} receives the h= list. */
    private StringBuilder signedFields(Canonical.Message m, List<String> names) {
        // RFC 6376 5.4.2: each h= entry takes the next instance of that field from the bottom up
        Map<String, List<Canonical.Field>> byName = new HashMap<>();
        for (Canonical.Field f : m.fields()) {
            byName.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(f);
        }
        StringBuilder data = new StringBuilder(1024);
        for (String name : SIGNED) {
            List<Canonical.Field> instances = byName.getOrDefault(name, List.of());
            for (int n = 1; n <= instances.size(); n++) {
                names.add(name);
                Canonical.Field f = instances.get(instances.size() - n);
                data.append(header == Canonicalization.RELAXED ? Canonical.relaxedHeader(f.raw()) : Canonical.simpleHeader(f.raw()))
                        .append("\r\n");
            }
            if (OVERSIGNED.contains(name)) {
                names.add(name); // an entry past the last instance signs "no such field": that is the oversigning
            }
        }
        return data;
    }

    private String signature(StringBuilder data, String h, SigningProvider.Prepared key, String bh, Instant now) {
        DkimKey k = key.key();
        String c = header.name().toLowerCase(Locale.ROOT) + "/" + body.name().toLowerCase(Locale.ROOT);
        String unsigned = "DKIM-Signature: v=1; a=" + k.algorithm().tag() + "; c=" + c + ";\r\n\td=" + k.domain() + "; s=" + k.selector()
                + "; t=" + now.getEpochSecond() + ";\r\n\th=" + h + ";\r\n\tbh=" + bh + ";\r\n\tb=";
        data.append(header == Canonicalization.RELAXED ? Canonical.relaxedHeader(unsigned) : unsigned);
        byte[] input = data.toString().getBytes(StandardCharsets.UTF_8);
        if (k.algorithm() == DkimAlgorithm.ED25519_SHA256) {
            input = SHA256.get().digest(input); // RFC 8463: Ed25519 (PureEdDSA) over the SHA-256 hash of the data
        }
        return unsigned + fold(Base64.getEncoder().encodeToString(key.sign(input)));
    }

    /** The key ready for this signer's provider, prepared on first use and kept. */
    private SigningProvider.Prepared prepared(DkimKey key) {
        SigningProvider.Prepared[] known = prepared;
        for (SigningProvider.Prepared p : known) {
            if (p.key() == key) {
                return p;
            }
        }
        SigningProvider.Prepared p = (provider == null ? SigningProvider.chosen() : provider).prepare(key);
        // a few keys per signer in practice; past 16 (a long-lived signer fed fresh keys) start again rather than grow
        SigningProvider.Prepared[] next = known.length >= 16 ? new SigningProvider.Prepared[1] : java.util.Arrays.copyOf(known, known.length + 1);
        next[next.length - 1] = p;
        prepared = next;
        return p;
    }

    /** The h= list, folded before a colon when a line would pass 76 characters (RFC 6376 allows FWS there). */
    private static String foldNames(List<String> names) {
        StringBuilder out = new StringBuilder();
        int col = 3;
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (i > 0) {
                if (col + 1 + n.length() > 76) {
                    out.append("\r\n\t");
                    col = 1;
                }
                out.append(':');
                col++;
            }
            out.append(n);
            col += n.length();
        }
        return out.toString();
    }

    /** Folds a long b= value so header lines stay short; whitespace inside b= is ignored by verifiers. */
    private static String fold(String b64) {
        StringBuilder sb = new StringBuilder(b64.length() + b64.length() / 60 * 4);
        for (int i = 0; i < b64.length(); i += 72) {
            if (i > 0) {
                sb.append("\r\n\t ");
            }
            sb.append(b64, i, Math.min(b64.length(), i + 72));
        }
        return sb.toString();
    }
}
