package dev.homing.list;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HygieneReportTest {
    private static final Finding SYNTAX = new Finding(Problem.SYNTAX, "not a valid address (no @)");
    private static final Finding ROLE = new Finding(Problem.ROLE_ACCOUNT, "info is a role account, not a person");

    @Test
    void countsPerProblemWithActionAndExamples() {
        HygieneReport r = new HygieneReport();
        r.add("ann@example.com", List.of());
        r.add("bob", List.of(SYNTAX));
        r.add("info@gmial.com", List.of(
                new Finding(Problem.TYPO, "gmial.com looks like a misspelling of gmail.com", "info@gmail.com"), ROLE));
        r.add("info@example.com", List.of(ROLE));

        assertThat(r.addresses()).isEqualTo(4);
        assertThat(r.clean()).isEqualTo(1);
        assertThat(r.lines()).extracting(HygieneReport.Line::problem, HygieneReport.Line::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Problem.SYNTAX, 1L),
                        org.assertj.core.groups.Tuple.tuple(Problem.TYPO, 1L),
                        org.assertj.core.groups.Tuple.tuple(Problem.ROLE_ACCOUNT, 2L));
        HygieneReport.Line typo = r.lines().get(1);
        assertThat(typo.examples()).containsExactly("info@gmial.com → info@gmail.com");
        assertThat(typo.action()).startsWith("ask the subscriber to correct it (suggest the corrected address)");
        assertThat(r.lines().get(0).examples()).containsExactly("bob: not a valid address (no @)");
    }

    @Test
    void textIsATableWithCountsSharesActionsAndExamples() {
        HygieneReport r = new HygieneReport();
        for (int i = 0; i < 1_000; i++) {
            r.add("user" + i + "@example.com", i < 10 ? List.of(new Finding(Problem.NXDOMAIN, "example.com does not exist (NXDOMAIN)")) : List.of());
        }
        String text = r.text();
        assertThat(text).contains("1,000 addresses checked, 990 without any problem");
        assertThat(text).containsPattern("domain does not exist +10 +1\\.0% +remove: the domain does not exist");
        assertThat(text).contains("  user0@example.com: example.com does not exist (NXDOMAIN)");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        r.render(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void anEmptyListSaysSo() {
        assertThat(new HygieneReport().text()).startsWith("0 addresses checked, 0 without any problem");
    }

    @Test
    void memoryStaysBoundedOverALongList() {
        HygieneReport r = new HygieneReport();
        Hygiene offline = Hygiene.withoutDns();
        for (int i = 0; i < 200_000; i++) {
            String address = switch (i % 4) {
                case 0 -> "user" + i + "@gmial.com";
                case 1 -> "info+" + i + "@example.com";
                case 2 -> "broken" + i;
                default -> "user" + i + "@example.com";
            };
            r.add(address, offline.check(address));
        }
        assertThat(r.addresses()).isEqualTo(200_000);
        assertThat(r.clean()).isEqualTo(50_000);
        assertThat(r.lines()).hasSize(3).allSatisfy(l -> {
            assertThat(l.count()).isEqualTo(50_000);
            assertThat(l.examples()).hasSize(HygieneReport.EXAMPLES);
        });
        assertThat(r.text().lines().count()).as("the printed report does not grow either").isLessThan(40);
    }
}
