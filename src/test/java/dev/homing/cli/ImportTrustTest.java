package dev.homing.cli;

import dev.homing.store.Peek;
import dev.homing.node.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports lose nothing and leak nothing, through both doors: {@code homing import} and the web upload (curl,
 * logged in like a browser). A quote a spreadsheet left open swallows no row; the counts add up; an upload
 * over the limit is refused with 413 and a reason; what is kept on disk is the owner's only.
 */
class ImportTrustTest {
    /** The issue's file: a typo opens a quote on line 3, a real quoted field on line 6. */
    static final String TYPO = "email,name,city\n"
            + "a1@x.example,Ann,Oslo\n"
            + "a2@x.example,\"Bob,Rome\n"
            + "a3@x.example,Cid,Lima\n"
            + "a4@x.example,Dee,Kyiv\n"
            + "a5@x.example,Eve,\"Fort Worth, TX\"\n";

    @TempDir
    Path home;
    private RunningSite running;
    private Node node;
    private String base;
    private Path jar;

    @BeforeEach
    void start() throws Exception {
        running = RunningSite.start(home, "import.max-upload-mb = 1\n");
        node = running.node;
        base = running.base;
        new dev.homing.list.Lists(node.db).create("news", null);
        jar = home.resolve("cookies.txt");
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theCommandRejectsTheOpenQuoteAloneAndItsCountsAddUp() throws Exception {
        running.close();
        running = null;
        Path file = Files.writeString(home.resolve("typo.csv"), TYPO);
        CommandsTest.Run r = CommandsTest.run("import", "news", file.toString(), "--home", home.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 lines read (1 header, 0 blank, 5 in rows); 5 rows: 4 added").contains("1 rejected");
        assertThat(Files.readString(home.resolve("typo.csv.rejects.csv")))
                .contains("3,\"a quote opened on line 3 is not closed on that line, and line 4 is a row of its own");
        Path export = home.resolve("news.csv");
        assertThat(CommandsTest.run("list", "export", "news", "--out", export.toString(), "--home", home.toString()).code()).isZero();
        assertThat(Files.readString(export)).contains("a3@x.example").contains("a4@x.example").contains("\"Fort Worth, TX\"")
                .doesNotContain("a2@x.example");
        // the data folder and the database in it are the owner's only
        assertThat(mode(home.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(home.resolve("data").resolve("homing.mv.db"))).isEqualTo("rw-------");
    }

    @Test
    void theWebUploadIsBoundedAndReportsTheSame() throws Exception {
        login();
        String csrf = csrf(curl("-s", base + "/lists/news").body());
        // over the limit (1 MB here): refused with a reason, nothing imported
        StringBuilder big = new StringBuilder("email,name\n");
        for (int i = 0; big.length() < 1_500_000; i++) {
            big.append("big").append(i).append("@x.example,Someone with a long enough name ").append(i).append('\n');
        }
        Path bigFile = Files.writeString(home.resolve("big.csv"), big);
        Answer refused = curl("-s", "-F", "_csrf=" + csrf, "-F", "file=@" + bigFile, base + "/lists/news/import");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("larger than this server takes").contains("import.max-upload-mb");
        // the issue's file: one row rejected with the line its quote opened on, every other row in
        Path file = Files.writeString(home.resolve("typo.csv"), TYPO);
        Answer started = curl("-s", "-F", "_csrf=" + csrf, "-F", "file=@" + file, base + "/lists/news/import");
        assertThat(started.status()).isEqualTo(303);
        String progress = started.location();
        assertThat(progress).matches("/imports/\\d+");
        String page = "";
        for (int i = 0; i < 100 && !page.contains("data-import=\"done\""); i++) {
            Thread.sleep(100);
            page = curl("-s", base + progress).body();
        }
        assertThat(page).contains("6 lines read, 5 rows").contains("4 added").contains("1 rejected");
        String rejects = curl("-s", base + progress + "/rejects.csv").body();
        assertThat(rejects).startsWith("line,reason,row").contains("3,\"a quote opened on line 3 is not closed on that line");
        // the upload is gone; what is kept (the reject file) is in an owner-only folder, owner-only itself
        Path uploads = home.resolve("data").resolve("uploads");
        assertThat(mode(uploads)).isEqualTo("rwx------");
        try (var kept = Files.list(uploads)) {
            List<Path> files = kept.toList();
            assertThat(files).isNotEmpty().allSatisfy(p -> {
                assertThat(p.getFileName().toString()).endsWith(".rejects.csv");
                assertThat(mode(p)).isEqualTo("rw-------");
            });
        }
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Logs in as admin with a password set through the database (an independent PBKDF2 by Python's hashlib). */
    private void login() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import hashlib,base64,os\n"
                + "s=os.urandom(16)\nb=lambda x: base64.b64encode(x).decode().rstrip('=')\n"
                + "print('pbkdf2-sha256$600000$'+b(s)+'$'+b(hashlib.pbkdf2_hmac('sha256',b'importer password',s,600000)))")
                .redirectErrorStream(true).start();
        String hash = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Peek.jdbi(node.db).useHandle(h -> h.createUpdate("UPDATE web_user SET password_hash = :p, must_change = FALSE WHERE username = 'admin'")
                .bind("p", hash).execute());
        Answer in = curl("-s", "-b", "homing_login=t", "--data-urlencode", "_login=t", "--data-urlencode", "username=admin",
                "--data-urlencode", "password=importer password", "--data-urlencode", "next=/", base + "/login");
        assertThat(in.status()).isEqualTo(303);
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a form with the CSRF token").isTrue();
        return m.group(1);
    }

    private record Answer(int status, String location, String body) {
    }

    /** curl with this test's cookie jar; the status and the Location header come back with the body. */
    private Answer curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-c", jar.toString(), "-b", jar.toString(), "-o", "-", "-w",
                "\n%{http_code} %{redirect_url}"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        int cut = out.lastIndexOf('\n');
        String[] tail = out.substring(cut + 1).split(" ", 2);
        String location = tail.length > 1 ? tail[1].strip().replaceFirst("^https?://[^/]+", "") : "";
        return new Answer(Integer.parseInt(tail[0].strip()), location, out.substring(0, cut));
    }
}
