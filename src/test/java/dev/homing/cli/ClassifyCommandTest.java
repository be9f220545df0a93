package dev.homing.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code homing classify} in-process: readable output, JSON Lines, and a missing file among good ones. */
class ClassifyCommandTest {
    static final Path BOUNCES = Path.of(System.getProperty("homing.corpus", "src/test/corpus")).resolve("bounces");
    @TempDir
    Path dir;

    @Test
    void jsonLinesOnePerRecipientAndAMissingFileIsNamed() throws Exception {
        Path missing = dir.resolve("nope.eml");
        CommandsTest.Run r = CommandsTest.run("classify", "--json", BOUNCES.resolve("lhost-postfix-04.eml").toString(), missing.toString(),
                BOUNCES.resolve("lhost-opensmtpd-02.eml").toString(), BOUNCES.resolve("rfc3834-04.eml").toString(),
                BOUNCES.resolve("arf-17.eml").toString(), BOUNCES.resolve("not-bounce/is-not-bounce-01.eml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(missing.toString());
        String[] lines = r.out().strip().split("\n");
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines[0]);
        assertThat(first.get("file").asText()).endsWith("lhost-postfix-04.eml");
        assertThat(first.get("recipient").asText()).isEqualTo("kijitora@example.co.jp");
        assertThat(first.get("action").asText()).isEqualTo("failed");
        assertThat(first.get("status").asText()).isEqualTo("5.1.1");
        assertThat(first.get("replycode").asInt()).isEqualTo(550);
        assertThat(first.get("reason").asText()).isEqualTo("userunknown");
        assertThat(first.get("hardbounce").asBoolean()).isTrue();
        assertThat(first.get("diagnostic").asText()).contains("Address rejected");
        assertThat(first.get("remote_mta").asText()).isEqualTo("mx01.example.co.jp");
        assertThat(json.readTree(lines[1]).get("reason").asText()).isEqualTo("mailboxfull");
        assertThat(json.readTree(lines[2]).get("reason").asText()).isEqualTo("userunknown");
        assertThat(json.readTree(lines[3]).get("reason").asText()).isEqualTo("vacation");
        assertThat(json.readTree(lines[4]).get("feedback_type").asText()).isEqualTo("abuse");
        assertThat(json.readTree(lines[5]).get("feedback_type").asText()).isEqualTo("abuse");
        assertThat(json.readTree(lines[6]).get("reason").isNull()).isTrue();
        assertThat(lines).hasSize(7);
    }

    @Test
    void readableOutputSaysWhatHappenedInWords() {
        CommandsTest.Run r = CommandsTest.run("classify", BOUNCES.resolve("lhost-postfix-04.eml").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("bounce, 1 recipient(s)").contains("kijitora@example.co.jp  failed  5.1.1 550  userunknown (hard bounce)")
                .contains("remove the address");
    }

    @Test
    void anUnparsedFileSaysWhy() throws Exception {
        Path empty = Files.write(dir.resolve("empty.eml"), new byte[0]);
        CommandsTest.Run r = CommandsTest.run("classify", "--json", empty.toString());
        assertThat(r.out()).contains("\"unparsed\":\"the message is empty\"");
    }
}
