package dev.homing.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataReaderTest {

    /** Hands out one byte per read, so every byte is a chunk boundary. */
    private static InputStream trickle(String s) {
        InputStream bytes = new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
        return new BufferedInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : bytes.read(b, off, 1);
            }
        });
    }

    private static String rest(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void stopsExactlyAfterTheDotAndKeepsTheHeaders() throws IOException {
        String wire = "Subject: a\r\n..X: y\r\n\r\nbody\r\n..dot\r\n.\r\nQUIT\r\n";
        for (InputStream in : new InputStream[] {trickle(wire), new BufferedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)))}) {
            DataReader.Result r = new DataReader().read(in, true);
            assertThat(r.complete()).isTrue();
            assertThat(r.bytes()).isEqualTo(wire.length() - "QUIT\r\n".length());
            assertThat(new String(r.headers(), StandardCharsets.US_ASCII)).isEqualTo("Subject: a\r\n.X: y\r\n");
            assertThat(rest(in)).isEqualTo("QUIT\r\n");
        }
    }

    @Test
    void headersOnlyAndEmptyMessages() throws IOException {
        InputStream in = trickle("Subject: a\r\n.\r\n.\r\nNOOP\r\n");
        DataReader reader = new DataReader();
        DataReader.Result r = reader.read(in, true);
        assertThat(new String(r.headers(), StandardCharsets.US_ASCII)).isEqualTo("Subject: a\r\n");
        DataReader.Result empty = reader.read(in, true);
        assertThat(empty.complete()).isTrue();
        assertThat(empty.headers()).isEmpty();
        assertThat(rest(in)).isEqualTo("NOOP\r\n");
    }

    @Test
    void aDotInsideALineIsNotTheEnd() throws IOException {
        InputStream in = trickle("a.\r\n.b\r\nc\r\n.\r\n");
        DataReader.Result r = new DataReader().read(in, false);
        assertThat(r.complete()).isTrue();
        assertThat(r.headers()).isNull();
    }

    @Test
    void endOfStreamBeforeTheDotIsIncomplete() throws IOException {
        DataReader.Result r = new DataReader().read(trickle("Subject: a\r\n\r\nbody\r\n"), true);
        assertThat(r.complete()).isFalse();
    }
}
