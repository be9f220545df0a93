package dev.homing.auth;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The body hash fed straight from the message equals the hash of the canonical body made as a copy. */
class CanonicalBodyTest {
    private static final byte[] ALPHABET = {'a', 'b', ' ', ' ', '\t', '\r', '\n', '\r', '\n', '.', (byte) 0xc3};

    @Test
    void digestInPlaceMatchesTheCopiedCanonicalBodyOnRandomBodies() throws Exception {
        Random r = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] body = new byte[r.nextInt(40)];
            for (int i = 0; i < body.length; i++) {
                body[i] = ALPHABET[r.nextInt(ALPHABET.length)];
            }
            byte[] head = "A: b\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] message = new byte[head.length + body.length + 3];
            System.arraycopy(head, 0, message, 0, head.length);
            System.arraycopy(body, 0, message, head.length, body.length);
            // octets past the length given must not count
            message[message.length - 1] = 'z';
            Canonical.Message m = Canonical.parse(message, head.length + body.length);
            assertThat(m.body()).isEqualTo(body);
            for (boolean relaxed : new boolean[]{true, false}) {
                MessageDigest streamed = MessageDigest.getInstance("SHA-256");
                Canonical.digestBody(m, relaxed, streamed);
                byte[] copied = relaxed ? Canonical.relaxedBody(body) : Canonical.simpleBody(body);
                assertThat(streamed.digest()).as("relaxed=%s body=%s", relaxed, java.util.Arrays.toString(body))
                        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(copied));
            }
        }
    }
}
