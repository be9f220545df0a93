package dev.homing.list;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientFileTest {
    private static List<Object> read(String text) throws Exception {
        List<Object> out = new ArrayList<>();
        RecipientFile.read(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), out::add, out::add);
        return out;
    }

    @Test
    void plainListSkipsBlanksAndComments() throws Exception {
        assertThat(read("a@x.test\n\n# comment\r\nb@y.test\n")).containsExactly(
                new RecipientFile.Row(1, "a@x.test", java.util.Map.of()), new RecipientFile.Row(4, "b@y.test", java.util.Map.of()));
    }

    @Test
    void csvWithBomQuotesAndMultiLineFields() throws Exception {
        List<Object> rows = read("\uFEFFName,Email,Note\r\n\"Lovelace, Ada\",ada@x.test,\"said \"\"hi\"\"\nover two lines\"\nBob,bob@y.test,\n");
        assertThat(rows).hasSize(2);
        RecipientFile.Row ada = (RecipientFile.Row) rows.get(0);
        assertThat(ada.line()).isEqualTo(2);
        assertThat(ada.address()).isEqualTo("ada@x.test");
        assertThat(ada.fields()).containsEntry("name", "Lovelace, Ada").containsEntry("note", "said \"hi\"\nover two lines");
        assertThat(((RecipientFile.Row) rows.get(1)).line()).as("line numbers count physical lines").isEqualTo(4);
    }

    @Test
    void badRowsAreReportedWithTheirLineAndReadingGoesOn() throws Exception {
        List<Object> out = read("email,name\na@x.test,A\nb@x.test\nc@x.test,C,extra\nd@x.test,D\n");
        assertThat(out).containsExactly(
                new RecipientFile.Row(2, "a@x.test", java.util.Map.of("name", "A")),
                new RecipientFile.Problem(3, "expected 2 columns as in the header, found 1"),
                new RecipientFile.Problem(4, "expected 2 columns as in the header, found 3"),
                new RecipientFile.Row(5, "d@x.test", java.util.Map.of("name", "D")));
        assertThat(read("name,city\nA,B\n")).singleElement().isInstanceOfSatisfying(RecipientFile.Problem.class,
                p -> assertThat(p.message()).contains("no \"email\" column"));
        assertThat(read("email\n\"unclosed@x.test\n")).singleElement().isInstanceOfSatisfying(RecipientFile.Problem.class,
                p -> assertThat(p.message()).contains("never closed").contains("line 2"));
    }

    @Test
    void windows1252LinesAreReadAndReported() throws Exception {
        byte[] bytes = "email,name\nzoë@x.test,Zoë\nann@x.test,Ann\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        List<Object> out = new ArrayList<>();
        int fallback = RecipientFile.read(new java.io.ByteArrayInputStream(bytes), out::add, out::add);
        assertThat(fallback).isEqualTo(1);
        assertThat(out).containsExactly(
                new RecipientFile.Problem(2, "not UTF-8, read as Windows-1252: check accented names", false),
                new RecipientFile.Row(2, "zoë@x.test", java.util.Map.of("name", "Zoë")),
                new RecipientFile.Row(3, "ann@x.test", java.util.Map.of("name", "Ann")));
    }

    @Test
    void addressChecks() {
        assertThat(Address.check("Ada@Example.COM")).isEqualTo(new Address.Valid("Ada@example.com", "example.com"));
        assertThat(Address.check("josé@bücher.de")).isEqualTo(new Address.Valid("josé@bücher.de", "xn--bcher-kva.de"));
        assertThat(Address.check("\"quoted local\"@x.test")).isInstanceOf(Address.Valid.class);
        for (String bad : List.of("", "plain", "a@@b.test", "a@b", "a@b..test", "a b@c.test", "x".repeat(65) + "@b.test")) {
            assertThat(Address.check(bad)).as(bad).isInstanceOfSatisfying(Address.Invalid.class, i -> assertThat(i.reason()).isNotBlank());
        }
    }
}
