package dev.homing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules a reviewer measures, read from the main sources: every SQL statement in the {@code *Sql}
 * class of the package that owns its table (so none in a face), and no source file over 600 lines.
 */
class HouseRulesTest {
    static final Path MAIN = Path.of("src", "main", "java", "dev", "homing");
    /** A string literal that opens an SQL statement. */
    static final Pattern SQL = Pattern.compile("\"\\s*(SELECT\\s+\\S+.*\\bFROM|INSERT INTO|UPDATE \\w+ SET|DELETE FROM|MERGE INTO)\\b");

    @Test
    void sqlLivesInTheOwnersSqlClassesOnly() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path f : sources()) {
            if (f.getFileName().toString().endsWith("Sql.java")) {
                continue;
            }
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = SQL.matcher(lines.get(i));
                if (m.find()) {
                    outside.add(MAIN.relativize(f) + ":" + (i + 1) + " " + lines.get(i).strip());
                }
            }
        }
        assertThat(outside).as("SQL outside a *Sql class").isEmpty();
    }

    @Test
    void noSourceFileIsLongerThan600Lines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path f : sources()) {
            long n = Files.readAllLines(f).size();
            if (n > 600) {
                long_.add(MAIN.relativize(f) + " " + n);
            }
        }
        assertThat(long_).isEmpty();
    }

    /** One DNS client: resolvers are made, and questions sent, in the dns package only. */
    @Test
    void everyDnsQuestionGoesThroughTheDnsPackage() throws IOException {
        Pattern direct = Pattern.compile("new (Extended|Simple)Resolver\\(|\\b(resolver|dns)\\.send(Async)?\\(|Message\\.newQuery\\(");
        List<String> outside = new ArrayList<>();
        for (Path f : sources()) {
            if (f.startsWith(MAIN.resolve("dns"))) {
                continue;
            }
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (direct.matcher(lines.get(i)).find()) {
                    outside.add(MAIN.relativize(f) + ":" + (i + 1) + " " + lines.get(i).strip());
                }
            }
        }
        assertThat(outside).as("DNS asked outside dns.DnsClient").isEmpty();
    }

    @Test
    void theSqlPatternSeesAStatement() {
        assertThat(SQL.matcher("x = \"SELECT id FROM delivery WHERE\"").find()).isTrue();
        assertThat(SQL.matcher("\"UPDATE delivery SET state = ?\"").find()).isTrue();
        assertThat(SQL.matcher("\"Select a list\"").find()).isFalse();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
