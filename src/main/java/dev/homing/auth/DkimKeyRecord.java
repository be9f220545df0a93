package dev.homing.auth;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A published DKIM key record (RFC 6376 3.6.1): key type and public key data; an empty p= means revoked.
 *
 * @param keyType k= ("rsa" when absent)
 */
record DkimKeyRecord(String text, String keyType, byte[] publicKeyData) {

    boolean revoked() {
        return publicKeyData.length == 0;
    }

    /** @throws IllegalArgumentException saying what is wrong, quoting the record */
    static DkimKeyRecord parse(String text) {
        Map<String, String> tags = TagList.parse(text, false, why -> bad(text, why));
        if (tags.containsKey("v") && (!tags.keySet().iterator().next().equals("v") || !tags.get("v").equals("DKIM1"))) {
            throw bad(text, "v= must be DKIM1 and come first");
        }
        if (!tags.containsKey("p")) {
            throw bad(text, "the public key p= is missing");
        }
        String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        if (!k.equals("rsa") && !k.equals("ed25519")) {
            throw bad(text, "k=" + k + " is not rsa or ed25519");
        }
        try {
            return new DkimKeyRecord(text, k, Base64.getDecoder().decode(tags.get("p").replaceAll("\\s", "")));
        } catch (IllegalArgumentException e) {
            throw bad(text, "p= is not base64");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("the DKIM key record \"" + text + "\" is malformed: " + why);
    }
}
