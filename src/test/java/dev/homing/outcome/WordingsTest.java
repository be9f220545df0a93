package dev.homing.outcome;

import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How far the judge generalises beyond the replies it was written against: outcome/wordings.tsv holds wordings collected
 * from MTA sources, vendors' and providers' documentation and real replies quoted in public, each labelled with the
 * reason its text says by whoever collected it, not by the judge. The table was then mended where a wording showed a
 * general gap, never row by row; the rows the judge still reads differently stay in the file (an honest measure, not a
 * regression list), so the test holds a floor on the agreement and prints every disagreement.
 */
class WordingsTest {

    record Wording(int line, String source, String stage, int code, String status, String text, Reason reason) {
        Reply reply() {
            return Reply.of(code, status.equals("-") ? text : status + " " + text);
        }

        /**
         * A text found in a delivery report without a command is judged as a report (a 4xx one as a delay notice, as the
         * file's header says); otherwise as a live reply.
         */
        Verdict judge(Judge judge) {
            if (stage.equals("unnamed")) {
                return judge.judgeReported(new Reported(null, reply(), true, code < 500, null, false));
            }
            return judge.judge(Stage.fromLabel(stage.equals("connect") ? "banner" : stage), reply());
        }
    }

    static List<Wording> wordings() throws IOException {
        List<Wording> rows = new ArrayList<>();
        try (InputStream in = WordingsTest.class.getResourceAsStream("/outcome/wordings.tsv")) {
            assertThat(in).as("outcome/wordings.tsv on the test classpath").isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] f = lines[i].split("\t", -1);
                assertThat(f).as("columns on line %d", i + 1).hasSize(6);
                rows.add(new Wording(i + 1, f[0], f[1], Integer.parseInt(f[2]), f[3], f[4], Reason.fromLabel(f[5])));
            }
        }
        return rows;
    }

    @Test
    void theJudgeReadsMostWordingsItWasNotWrittenAgainstAsTheirCollectorsDid() throws IOException {
        Judge judge = new Judge();
        List<Wording> rows = wordings();
        int agree = 0;
        Map<String, int[]> byReason = new TreeMap<>();
        List<String> differ = new ArrayList<>();
        for (Wording w : rows) {
            Verdict v = w.judge(judge);
            int[] c = byReason.computeIfAbsent(w.reason().label(), k -> new int[2]);
            c[1]++;
            if (v.reason() == w.reason()) {
                agree++;
                c[0]++;
            } else {
                differ.add(String.format("  line %d: %s, judged %s (%s): %s %d %s %s", w.line(), w.reason().label(), v.reason().label(),
                        v.evidence().name().toLowerCase(java.util.Locale.ROOT), w.stage(), w.code(), w.status(), w.text()));
            }
        }
        double pct = 100.0 * agree / rows.size();
        System.out.printf("wordings: %d of %d read as their collectors did (%.1f%%)%n", agree, rows.size(), pct);
        byReason.forEach((r, c) -> System.out.printf("  %-16s %d/%d%n", r, c[0], c[1]));
        differ.forEach(System.out::println);
        assertThat(rows).as("wordings in the file").hasSizeGreaterThan(1000);
        assertThat(pct).as("agreement with the collectors' labels").isGreaterThanOrEqualTo(FLOOR);
    }

    /**
     * The agreement measured last (2026-12-07), rounded down: 80.4% of the first four rounds' 1,210 wordings; with round
     * five's 249 (69.5% before the table was mended for them, 77.5% after) 79.9% of 1,459; with round six's 108 real
     * relay texts (82.4% before, 84.3% after) 80.3% of 1,567; 80.6% once the network words of a failed connection were
     * read (errno names, "not responding", Exchange's 4.4.7 text); 80.9% once the words with which a delay notice names
     * itself ("There was a temporary problem delivering your message") were no longer read as a system error; 81.1% with
     * the size words of Alibaba's replies ("The length of Attach is achieved the maximum threshold", "attachment is too long");
     * 81.3% with its words for too many recipients ("the number of RCPT attempts is achieved the maximum threshold");
     * 81.4% once RFC 5321's stock "mailbox unavailable" decided only where no other words did; 81.6% with the words of a
     * host that does not take mail for the recipient's domain ("not configured to use this MX host"); 81.9% with the words of
     * submission servers refusing a sender who is not the one logged in, or too many failed logins; 82.2% (1,288) with
     * RFC 5321's 450 "mailbox unavailable" no longer read as an unknown user, an address "no longer valid" as a dead one,
     * and the TLS failures of Exchange Online ("[Message=UntrustedRoot]"), Exchange and Exim ("Security failure"); 82.3%
     * (1,291, 2026-12-07, late) with Spectrum's published refusals ("Email Security Alert", "Outbound Mail Refused") and
     * Exim's "host lookup did not complete"; 82.5% (1,294) with a line of the message too long read as notcompliantrfc and
     * a mail system's full storage as systemfull; with round seven's 170 (servers, gateways and providers the earlier rounds
     * covered thinly: 70.0% before the table was mended for them, 82.4% after) 82.5% (1,434 of 1,737); 82.7% (1,437) with
     * qmail's own words; with round eight's 155 (receiving-side filters and policy daemons, hosting providers, ESPs and relays:
     * 61.3% before, 81.3% after) 82.6% (1,563 of 1,892); with round nine's 173 (the reporting MTAs' own words in reports, and
     * providers' security, policy and content refusals: 72.3% before, 86.7% after) 83.0% (1,715 of 2,065); with round ten's 86
     * (older servers, gateways and ISPs, about 1998-2015: 54.7% before, 80.2% after) 83.0% (1,786 of 2,151); with round eleven's
     * 35 (replies of 2000-2015 quoted in list archives, X.400 and Sun Messaging Server texts: 65.7% before, 91.4% after) 83.1%
     * (1,818 of 2,186).
     */
    static final double FLOOR = 83.0;
}
