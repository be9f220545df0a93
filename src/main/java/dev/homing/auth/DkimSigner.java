package dev.homing.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
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

    private final Canonicalization header;
    private final Canonicalization body;

    public DkimSigner(Canonicalization header, Canonicalization body) {
        this.header = header;
        this.body = body;
    }

    public static DkimSigner relaxed() {
        return new DkimSigner(Canonicalization.RELAXED, Canonicalization.RELAXED);
    }

    /** The message with one DKIM-Signature field per key prepended (line ends CRLF). */
    public byte[] sign(byte[] message, List<DkimKey> keys, Instant now) {
        byte[] crlf = Canonical.toCrlf(message);
        Canonical.Message m = Canonical.parse(crlf);
        byte[] canonBody = body == Canonicalization.RELAXED ? Canonical.relaxedBody(m.body()) : Canonical.simpleBody(m.body());
        String bh;
        try {
            bh = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(canonBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder prefix = new StringBuilder();
        for (DkimKey key : keys) {
            prefix.append(signature(m, key, bh, now)).append("\r\n");
        }
        byte[] p = prefix.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(p.length + crlf.length);
        out.writeBytes(p);
        out.writeBytes(crlf);
        return out.toByteArray();
    }

    private String signature(Canonical.Message m, DkimKey key, String bh, Instant now) {
        // RFC 6376 5.4.2: each h= entry takes the next instance of that field from the bottom up
        Map<String, List<Canonical.Field>> byName = new HashMap<>();
        for (Canonical.Field f : m.fields()) {
            byName.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
        }
        List<String> names = new ArrayList<>();
        for (String name : SIGNED) {
            int count = byName.getOrDefault(name, List.of()).size();
            for (int i = 0; i < count + (OVERSIGNED.contains(name) ? 1 : 0); i++) {
                names.add(name);
            }
        }
        StringBuilder data = new StringBuilder();
        Map<String, Integer> used = new HashMap<>();
        for (String name : names) {
            List<Canonical.Field> instances = byName.getOrDefault(name, List.of());
            int n = used.merge(name, 1, Integer::sum);
            if (n <= instances.size()) {
                Canonical.Field f = instances.get(instances.size() - n);
                data.append(header == Canonicalization.RELAXED ? Canonical.relaxedHeader(f.raw()) : Canonical.simpleHeader(f.raw()))
                        .append("\r\n");
            }
            // an entry past the last instance signs "no such field": that is the oversigning
        }
        String c = header.name().toLowerCase(Locale.ROOT) + "/" + body.name().toLowerCase(Locale.ROOT);
        String unsigned = "DKIM-Signature: v=1; a=" + key.algorithm().tag() + "; c=" + c + ";\r\n\td=" + key.domain() + "; s=" + key.selector()
                + "; t=" + now.getEpochSecond() + ";\r\n\th=" + foldNames(names) + ";\r\n\tbh=" + bh + ";\r\n\tb=";
        data.append(header == Canonicalization.RELAXED ? Canonical.relaxedHeader(unsigned) : unsigned);
        byte[] b = sign(key, data.toString().getBytes(StandardCharsets.UTF_8));
        return unsigned + fold(Base64.getEncoder().encodeToString(b));
    }

    private static byte[] sign(DkimKey key, byte[] data) {
        try {
            if (key.algorithm() == DkimAlgorithm.RSA_SHA256) {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(key.privateKey());
                s.update(data);
                return s.sign();
            }
            // RFC 8463: Ed25519 (PureEdDSA) over the SHA-256 hash of the data
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.privateKey());
            s.update(hash);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the " + key.algorithm().tag() + " key of " + key.domain() + ": " + e.getMessage(), e);
        }
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
