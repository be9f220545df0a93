package dev.homing.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376; ed25519-sha256 per RFC 8463). Keys come
 * from a lookup function (DNS in production, a map in tests). Each signature gets its own result,
 * with the reason in plain words when it fails; garbage never throws.
 */
public final class DkimVerifier {
    /** Ed25519 SubjectPublicKeyInfo prefix (RFC 8410): wraps the raw 32-byte key of an RFC 8463 record. */
    private static final byte[] ED25519_SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final Function<String, String> keyRecords;

    /** @param keyRecords maps "selector._domainkey.domain" to its TXT value, or null when there is none */
    public DkimVerifier(Function<String, String> keyRecords) {
        this.keyRecords = keyRecords;
    }

    /** One signature's result. */
    public record Result(String domain, String selector, String algorithm, boolean pass, String reason) {
    }

    /** Results for every DKIM-Signature, topmost first. */
    public List<Result> verify(byte[] message, Instant now) {
        Canonical.Message m = Canonical.parse(Canonical.toCrlf(message));
        List<Result> out = new ArrayList<>();
        for (Canonical.Field f : m.fields()) {
            if (f.name().equalsIgnoreCase("DKIM-Signature")) {
                out.add(verifyOne(m, f, now));
            }
        }
        return out;
    }

    private Result verifyOne(Canonical.Message m, Canonical.Field sigField, Instant now) {
        Map<String, String> tags = tags(sigField.raw().substring(sigField.raw().indexOf(':') + 1));
        String d = tags.getOrDefault("d", "");
        String s = tags.getOrDefault("s", "");
        String a = tags.getOrDefault("a", "");
        try {
            if (!"1".equals(tags.get("v"))) {
                return fail(d, s, a, "unknown version v=" + tags.get("v"));
            }
            DkimAlgorithm alg = switch (a) {
                case "rsa-sha256" -> DkimAlgorithm.RSA_SHA256;
                case "ed25519-sha256" -> DkimAlgorithm.ED25519_SHA256;
                default -> null;
            };
            if (alg == null) {
                return fail(d, s, a, "unsupported algorithm " + a);
            }
            if (tags.containsKey("x") && now.getEpochSecond() > Long.parseLong(tags.get("x"))) {
                return fail(d, s, a, "the signature expired at " + Instant.ofEpochSecond(Long.parseLong(tags.get("x"))));
            }
            String[] c = tags.getOrDefault("c", "simple/simple").split("/");
            boolean relaxedHeader = c[0].equals("relaxed");
            boolean relaxedBody = c.length > 1 && c[1].equals("relaxed");
            byte[] body = relaxedBody ? Canonical.relaxedBody(m.body()) : Canonical.simpleBody(m.body());
            if (tags.containsKey("l")) {
                int l = Integer.parseInt(tags.get("l"));
                if (l > body.length) {
                    return fail(d, s, a, "l= is longer than the body");
                }
                body = java.util.Arrays.copyOf(body, l);
            }
            byte[] bh = MessageDigest.getInstance("SHA-256").digest(body);
            if (!MessageDigest.isEqual(bh, Base64.getDecoder().decode(strip(tags.getOrDefault("bh", ""))))) {
                return fail(d, s, a, "the body was changed (body hash mismatch)");
            }
            StringBuilder data = new StringBuilder();
            Map<String, List<Canonical.Field>> byName = new HashMap<>();
            for (Canonical.Field f : m.fields()) {
                byName.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
            }
            Map<String, Integer> used = new HashMap<>();
            for (String name : tags.getOrDefault("h", "").split(":")) {
                String n = name.strip().toLowerCase(Locale.ROOT);
                List<Canonical.Field> inst = byName.getOrDefault(n, List.of());
                int k = used.merge(n, 1, Integer::sum);
                if (k <= inst.size()) {
                    String raw = inst.get(inst.size() - k).raw();
                    data.append(relaxedHeader ? Canonical.relaxedHeader(raw) : raw).append("\r\n");
                }
            }
            String unsigned = withoutB(sigField.raw());
            data.append(relaxedHeader ? Canonical.relaxedHeader(unsigned) : unsigned);
            String record = keyRecords.apply(s + "._domainkey." + d);
            if (record == null) {
                return fail(d, s, a, "no key record at " + s + "._domainkey." + d);
            }
            Map<String, String> key = tags(record);
            String p = strip(key.getOrDefault("p", ""));
            if (p.isEmpty()) {
                return fail(d, s, a, "the key was revoked (empty p=)");
            }
            String k = key.getOrDefault("k", "rsa");
            if (!k.equals(alg.keyType())) {
                return fail(d, s, a, "the key record is k=" + k + ", the signature " + a);
            }
            byte[] keyData = Base64.getDecoder().decode(p);
            byte[] sig = Base64.getDecoder().decode(strip(tags.getOrDefault("b", "")));
            byte[] signed = data.toString().getBytes(StandardCharsets.UTF_8);
            boolean ok;
            if (alg == DkimAlgorithm.RSA_SHA256) {
                PublicKey pub = rsaKey(keyData);
                Signature v = Signature.getInstance("SHA256withRSA");
                v.initVerify(pub);
                v.update(signed);
                ok = v.verify(sig);
            } else {
                byte[] spki = java.util.Arrays.copyOf(ED25519_SPKI, ED25519_SPKI.length + keyData.length);
                System.arraycopy(keyData, 0, spki, ED25519_SPKI.length, keyData.length);
                PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                Signature v = Signature.getInstance("Ed25519");
                v.initVerify(pub);
                v.update(MessageDigest.getInstance("SHA-256").digest(signed));
                ok = v.verify(sig);
            }
            return ok ? new Result(d, s, a, true, "pass") : fail(d, s, a, "the signature does not match the signed header fields");
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return fail(d, s, a, "cannot check: " + e.getMessage());
        }
    }

    /** RFC 6376 asks for SubjectPublicKeyInfo, but some publish the bare PKCS#1 RSAPublicKey: accept both, as receivers do. */
    private static PublicKey rsaKey(byte[] data) throws GeneralSecurityException {
        KeyFactory kf = KeyFactory.getInstance("RSA");
        try {
            return kf.generatePublic(new X509EncodedKeySpec(data));
        } catch (GeneralSecurityException e) {
            byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
            byte[] bitString = der(0x03, concat(new byte[]{0}, data));
            return kf.generatePublic(new X509EncodedKeySpec(der(0x30, concat(algorithm, bitString))));
        }
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len = n < 128 ? new byte[]{(byte) n} : n < 256 ? new byte[]{(byte) 0x81, (byte) n}
                : new byte[]{(byte) 0x82, (byte) (n >> 8), (byte) n};
        return concat(concat(new byte[]{(byte) tag}, len), content);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Result fail(String d, String s, String a, String why) {
        return new Result(d, s, a, false, why);
    }

    /** The tag=value list of a signature or key record; values keep their inner folding whitespace. */
    static Map<String, String> tags(String list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : list.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return out;
    }

    private static String strip(String s) {
        return s.replaceAll("[\\s]", "");
    }

    /** The signature field with the b= value removed and everything else (folding included) as it was (RFC 6376 3.7). */
    static String withoutB(String raw) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(^|;)([ \\t\\r\\n]*b[ \\t\\r\\n]*=)([^;]*)").matcher(raw);
        if (!m.find()) {
            return raw;
        }
        return raw.substring(0, m.end(2)) + raw.substring(m.end(3));
    }
}
