package dev.homing.inbound;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ARF samples (src/test/corpus/arf/expected.csv): every report is a complaint with the expected fields. */
class ArfCorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("homing.corpus", "src/test/corpus"));

    @Test
    void everyReportIsAComplaintWithItsFields() throws IOException {
        List<String> lines = Files.readAllLines(CORPUS.resolve("arf/expected.csv"));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            Analysis a = Classifier.classify(Files.readAllBytes(CORPUS.resolve(c[0])));
            assertThat(a).as(c[0]).isInstanceOf(Complaint.class);
            Complaint complaint = (Complaint) a;
            assertThat(complaint.feedbackType().label()).as(c[0] + " type").isEqualTo(c[1]);
            if (!c[2].isEmpty()) {
                assertThat(complaint.userAgent()).as(c[0] + " user agent").isEqualTo(c[2]);
            }
            if (!c[4].isEmpty()) {
                assertThat(complaint.sourceIp()).as(c[0] + " source ip").isEqualTo(c[4]);
            }
            if (!c[5].isEmpty()) {
                assertThat(complaint.originalMailFrom()).as(c[0] + " mail from").isEqualTo(c[5]);
            }
            if (!c[6].isEmpty()) {
                assertThat(complaint.recipients()).as(c[0] + " recipient").contains(c[6].replaceAll("[<>]", ""));
            }
            if (!c[7].isEmpty()) {
                assertThat(complaint.reportedDomain()).as(c[0] + " reported domain").isEqualTo(c[7]);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(14);
    }

    @Test
    void theOriginalRecipientComesFromTheAttachedOriginalWhenTheReportOmitsIt() throws IOException {
        Complaint c = (Complaint) Classifier.classify(Files.readAllBytes(CORPUS.resolve("bounces/arf-20.eml")));
        assertThat(c.feedbackType()).isEqualTo(FeedbackType.AUTH_FAILURE);
        assertThat(c.recipients()).containsExactly("kijitora@example.org");
        Complaint many = (Complaint) Classifier.classify(Files.readAllBytes(CORPUS.resolve("bounces/arf-16.eml")));
        assertThat(many.recipients()).hasSize(7);
        Complaint optOut = (Complaint) Classifier.classify(Files.readAllBytes(CORPUS.resolve("arf/email-arf/example1.msg")));
        assertThat(optOut.feedbackType()).isEqualTo(FeedbackType.OPT_OUT);
    }
}
