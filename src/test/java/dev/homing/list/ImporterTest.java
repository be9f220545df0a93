package dev.homing.list;

import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImporterTest {
    @TempDir
    Path home;
    Database db;
    Lists lists;
    MailingList news;

    /** The database under test: the embedded default here; {@link PostgresImporterTest} runs the same tests on PostgreSQL. */
    protected Database openDatabase() {
        return Database.embedded(home);
    }

    /** For the 100 MB import: on H2 a database of its own with a small page cache, so that what grows with the file would be the importer's own memory. */
    protected Database openSmallCacheDatabase() {
        return Database.open("jdbc:h2:file:" + home.resolve("small") + ";CACHE_SIZE=8192", "sa", "");
    }

    protected void dropDatabase() {
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        lists = new Lists(db);
        news = lists.create("news", "monthly");
    }

    @AfterEach
    void close() {
        db.close();
        dropDatabase();
    }

    private ImportReport load(MailingList list, byte[] csv, String consent, StringWriter rejects) throws Exception {
        return new Importer(lists, list, consent).run(new ByteArrayInputStream(csv), "test.csv", rejects, p -> { });
    }

    private static byte[] bytes(String utf8) {
        return utf8.getBytes(StandardCharsets.UTF_8);
    }

    private String exported(MailingList list) throws Exception {
        StringWriter w = new StringWriter();
        lists.export(list, w);
        return w.toString();
    }

    @Test
    void messyCsvWithBomQuotesLineBreaksMixedLineEndsAndWindows1252Rows() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        csv.writeBytes(bytes("E-Mail,First Name,Note\r\n"));
        csv.writeBytes(bytes("ann@Example.COM,Ann,\"likes, commas\"\n"));
        csv.writeBytes(bytes("\"bob@example.com\",\"Bob \"\"the\"\" Builder\",\"two\r\nlines\"\r\n"));
        csv.writeBytes("zoë@example.de,Zoë,cp1252\r\n".getBytes(Charset.forName("windows-1252")));
        csv.writeBytes(bytes("josé@example.es,José,utf-8\n"));
        csv.writeBytes(bytes("\n"));
        StringWriter rejects = new StringWriter();
        ImportReport r = load(news, csv.toByteArray(), null, rejects);
        assertThat(r.rows()).isEqualTo(4);
        assertThat(r.added()).isEqualTo(4);
        assertThat(r.rejected()).isZero();
        assertThat(r.windows1252()).isEqualTo(1);
        assertThat(r.firstWindows1252Line()).as("physical line of the Windows-1252 row").isEqualTo(5);
        String out = exported(news);
        assertThat(out).contains("ann@example.com,unconfirmed,,").contains("Ann,\"likes, commas\"")
                .contains("\"Bob \"\"the\"\" Builder\"").contains("\"two\nlines\"").contains("zoë@example.de").contains("Zoë")
                .contains("josé@example.es");
        assertThat(lists.counts(news)).containsExactly(Map.entry(MemberStatus.UNCONFIRMED, 4L));
    }

    @Test
    void everyBadRowGoesToTheRejectFileWithLineAndReasonAndTheRestImports() throws Exception {
        String csv = """
                email,name
                good@example.com,Good
                not-an-address,Bad
                two@@example.com,Bad
                short@example.com
                other@example.com,Other,extra
                "unclosed@example.com,Oops
                """;
        StringWriter rejects = new StringWriter();
        ImportReport r = load(news, bytes(csv), null, rejects);
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.rejected()).isEqualTo(5);
        List<String> lines = rejects.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("line,reason,row");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("3,not a valid address").contains("not-an-address,Bad"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("4,not a valid address"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("5,\"expected 2 columns as in the header, found 1\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("6,\"expected 2 columns as in the header, found 3\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("7,a quote opened on line 7 is never closed"));
        assertThat(r.rows()).as("every row has one fate").isEqualTo(r.added() + r.rejected());
    }

    @Test
    void aQuoteLeftOpenSwallowsNoRowAndTheCountsAddUp() throws Exception {
        // the case: a spreadsheet typo opens a quote on line 3; line 6 has a real quoted field
        String csv = "email,name,city\n"
                + "a1@x.example,Ann,Oslo\n"
                + "a2@x.example,\"Bob,Rome\n"
                + "a3@x.example,Cid,Lima\n"
                + "a4@x.example,Dee,Kyiv\n"
                + "a5@x.example,Eve,\"Fort Worth, TX\"\n"
                + "a6@x.example,Fay,\"12 Main St\nSpringfield\"\n"   // a real field over two lines: kept whole
                + "\n"
                + "a7@x.example,\"Gus,never closed\n"
                + "a8@x.example,Hal,Rome\n"
                + "a9@x.example,Ida,Bern\n";
        StringWriter rejects = new StringWriter();
        ImportReport r = load(news, bytes(csv), null, rejects);
        assertThat(r.rejected()).isEqualTo(2);
        assertThat(r.added()).isEqualTo(7);
        assertThat(r.lines()).as("physical lines").isEqualTo(12);
        assertThat(r.blank()).isEqualTo(1);
        assertThat(r.rowLines()).isEqualTo(10);
        assertThat(r.rows()).isEqualTo(9).isEqualTo(r.added() + r.updated() + r.unchanged() + r.duplicates() + r.rejected());
        assertThat(r.lines()).isEqualTo(1 + r.blank() + r.rowLines());
        List<String> lines = rejects.toString().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("3,\"a quote opened on line 3 is not closed on that line, and line 4 is a row")
                .endsWith(",\"a2@x.example,\"\"Bob,Rome\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("10,\"a quote opened on line 10 is not closed on that line, and line 11"));
        String out = exported(news);
        assertThat(out).contains("a3@x.example").contains("a4@x.example").contains("\"Fort Worth, TX\"").contains("\"12 Main St\nSpringfield\"")
                .contains("a8@x.example").contains("a9@x.example").doesNotContain("a2@x.example").doesNotContain("a7@x.example");
        // never closed and nothing after it that is a row: the rest is read again all the same
        StringWriter more = new StringWriter();
        ImportReport tail = load(news, bytes("email,note\nb1@x.example,\"open\nfree text\nmore text\n"), null, more);
        assertThat(tail.rejected()).isEqualTo(3);
        assertThat(more.toString()).contains("1 is never closed".replace("1", "2"));
        assertThat(tail.lines()).isEqualTo(4).isEqualTo(1 + tail.blank() + tail.rowLines());
    }

    @Test
    void exportsDefuseFormulasThatSubscribersTyped() throws Exception {
        load(news, bytes("email,name,phone\nann@example.com,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",+1 555 0100\n"
                + "bob@example.com,@SUM(A1),-3\n"), "a form", new StringWriter());
        String out = exported(news);
        assertThat(out).contains("'=HYPERLINK(").contains(",'@SUM(A1)").contains(",+1 555 0100").contains(",-3")
                .doesNotContain(",=HYPERLINK").doesNotContain(",@SUM");
    }

    @Test
    void duplicatesMergeAndReimportIsIdempotent() throws Exception {
        StringBuilder sb = new StringBuilder("email,name,city\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("u").append(i).append("@example.com,Name").append(i).append(",\n");
        }
        sb.append("u1@EXAMPLE.com,,Paris\n"); // same subscriber (domain case), new attribute, across batches
        ImportReport first = load(news, bytes(sb.toString()), null, new StringWriter());
        assertThat(first.added()).isEqualTo(5000);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(exported(news)).contains("u1@example.com,unconfirmed,").contains("Paris,Name1");
        String before = exported(news);
        ImportReport again = load(news, bytes(sb.toString()), null, new StringWriter());
        assertThat(again.added()).isZero();
        assertThat(again.updated()).isZero();
        // a repeat in a later batch of a re-import cannot be told from an earlier import's row: unchanged either way
        assertThat(again.unchanged() + again.duplicates()).isEqualTo(5001);
        assertThat(exported(news)).isEqualTo(before);
    }

    @Test
    void consentConfirmsButNeverResubscribes() throws Exception {
        load(news, bytes("email\na@example.com\nb@example.com\n"), null, new StringWriter());
        try (var c = db.connection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE membership SET status = 'unsubscribed' WHERE email_key = 'b@example.com'");
        }
        ImportReport r = load(news, bytes("email\na@example.com\nb@example.com\nc@example.com\n"), "signed form 2026", new StringWriter());
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.updated()).isEqualTo(1);
        assertThat(r.unchanged()).isEqualTo(1);
        String out = exported(news);
        assertThat(out).contains("a@example.com,confirmed,signed form 2026").contains("b@example.com,unsubscribed,,")
                .contains("c@example.com,confirmed,signed form 2026");
    }

    @Test
    void campaignsGetOnlyConfirmedUnsuppressedMembers() throws Exception {
        load(news, bytes("email,name\nunconfirmed@example.com,U\n"), null, new StringWriter());
        load(news, bytes("email,name\nok@example.com,Ok\nglobal@example.com,G\nlisted@example.com,L\nleft@example.com,X\n"),
                "signed form", new StringWriter());
        try (var c = db.connection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE membership SET status = 'unsubscribed' WHERE email_key = 'left@example.com'");
        }
        Suppressions s = new Suppressions(db);
        s.put("global@example.com", 0, "userunknown", Suppression.ACTIVE, "test");
        s.put("listed@example.com", news.id(), "unsubscribe", Suppression.ACTIVE, "test");
        s.put("ok@example.com", 0, "userunknown", Suppression.SUSPECTED, "suspected filtering: still mailed");
        List<Lists.Recipient> out = new java.util.ArrayList<>();
        lists.forEachRecipient(news, out::add);
        assertThat(out).containsExactly(new Lists.Recipient("ok@example.com", Map.of("name", "Ok")));
    }

    @Test
    void headerWithoutAnEmailColumnIsAClearError() {
        assertThatThrownBy(() -> load(news, bytes("name,city\nAnn,Paris\n"), null, new StringWriter()))
                .isInstanceOf(ListException.class).hasMessageContaining("test.csv:1").hasMessageContaining("no email column");
        assertThat(lists.counts(news)).isEmpty();
    }

    @Test
    void listsCreateRenameDeleteAndExportRoundTrip() throws Exception {
        assertThatThrownBy(() -> lists.create("news", null)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> lists.get("nope")).hasMessageContaining("no list named \"nope\"");
        load(news, bytes("email,name\nann@example.com,Ann\nbob@example.com,\"Bob, Jr.\"\n"), null, new StringWriter());
        MailingList copy = lists.create("copy", null);
        load(copy, bytes(exported(news)), null, new StringWriter());
        assertThat(exported(copy).replaceAll("\\d{4}-\\d\\d-\\d\\dT[^,]*", "T")).isEqualTo(exported(news).replaceAll("\\d{4}-\\d\\d-\\d\\dT[^,]*", "T")
                .replace(",unconfirmed,,T", ",unconfirmed,,T"));
        MailingList renamed = lists.update(news, "newsletter", "weekly now");
        assertThat(lists.get("newsletter").description()).isEqualTo("weekly now");
        lists.delete(renamed);
        assertThat(lists.find("newsletter")).isEmpty();
        assertThat(lists.counts(copy)).containsEntry(MemberStatus.UNCONFIRMED, 2L);
    }

    /** Heap in use after a full collection: what is really held. */
    private static long liveHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void aHundredMegabyteFileStreamsInBoundedMemory() throws Exception {
        long target = 100L * 1024 * 1024;
        InputStream generated = new InputStream() {
            private byte[] row = bytes("email,first,last,city\n");
            private int pos;
            private long sent;
            private long i;

            @Override
            public int read() {
                if (pos == row.length) {
                    if (sent >= target) {
                        return -1;
                    }
                    row = bytes("person" + i + "@d" + (i % 3000) + ".example.com,First" + i + ",Last" + i + ",City" + (i % 500) + "\n");
                    i++;
                    pos = 0;
                }
                sent++;
                return row[pos++];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) {
                        return n == 0 ? -1 : n;
                    }
                    b[off + n++] = (byte) c;
                }
                return n;
            }
        };
        // a small database page cache, so that what grows with the file would be the importer's own memory
        try (Database small = openSmallCacheDatabase()) {
            Lists smallLists = new Lists(small);
            MailingList big = smallLists.create("big", null);
            long[] live = {0, 0};
            ImportReport r = new Importer(smallLists, big, null).run(generated, "generated.csv", new StringWriter(), p -> {
                if (live[0] == 0 && p.rows() >= 300_000) {
                    live[0] = liveHeap();
                }
            });
            live[1] = liveHeap();
            assertThat(r.rows()).isGreaterThan(1_400_000);
            assertThat(r.added()).isEqualTo(r.rows());
            assertThat(live[1] - live[0]).as("live heap growth from 300,000 rows to the end of 100 MB (bytes)")
                    .isLessThan(48L * 1024 * 1024);
        }
    }
}
