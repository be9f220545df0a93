package dev.homing.list;

import dev.homing.list.Tokens.Invalid;
import dev.homing.list.Tokens.Purpose;
import dev.homing.list.Tokens.Valid;
import dev.homing.list.Tokens.Verified;
import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class TokensTest {
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant IN_A_WEEK = NOW.plus(Duration.ofDays(7));

    @TempDir
    Path home;
    @TempDir
    Path otherHome;
    Database db;
    Tokens tokens;

    /** The database under test: the embedded default here; {@link PostgresTokensTest} runs the same tests on PostgreSQL. */
    protected Database openDatabase() {
        return Database.embedded(home);
    }

    protected void dropDatabase() {
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        tokens = new Tokens(db, InstallSecret.load(home));
    }

    @AfterEach
    void close() {
        db.close();
        dropDatabase();
    }

    @Test
    void roundTrip() {
        String token = tokens.issue(Purpose.CONFIRM, "Ann@example.com", 42, IN_A_WEEK);

        Verified v = tokens.verify(Purpose.CONFIRM, token, NOW);

        assertThat(v).isInstanceOf(Valid.class);
        Valid valid = (Valid) v;
        assertThat(valid.emailKey()).isEqualTo("Ann@example.com");
        assertThat(valid.listId()).isEqualTo(42);
        assertThat(valid.nonce()).matches("[0-9a-f]{32}");
        assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThan(200);
    }

    @Test
    void nonAsciiAddressAndExtremeListIdsRoundTrip() {
        for (long listId : new long[]{0, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            String token = tokens.issue(Purpose.UNSUBSCRIBE, "jörg@bücher.example", listId, IN_A_WEEK);
            Valid valid = (Valid) tokens.verify(Purpose.UNSUBSCRIBE, token, NOW);
            assertThat(valid.emailKey()).isEqualTo("jörg@bücher.example");
            assertThat(valid.listId()).isEqualTo(listId);
        }
    }

    @Test
    void expiresAtTheExpirySecond() {
        String token = tokens.issue(Purpose.CONFIRM, "ann@example.com", 1, IN_A_WEEK);

        assertThat(tokens.verify(Purpose.CONFIRM, token, IN_A_WEEK.minusSeconds(1))).isInstanceOf(Valid.class);
        assertThat(tokens.verify(Purpose.CONFIRM, token, IN_A_WEEK)).isEqualTo(new Invalid("the link has expired"));
        assertThat(tokens.verify(Purpose.CONFIRM, token, IN_A_WEEK.plus(Duration.ofDays(400))))
                .isEqualTo(new Invalid("the link has expired"));
        assertThat(tokens.consume(Purpose.CONFIRM, token, IN_A_WEEK)).isEqualTo(new Invalid("the link has expired"));
    }

    @Test
    void changingAnyCharacterIsRefused() {
        String token = tokens.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);
        int tried = 0;
        for (int i = 0; i < token.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String altered = token.substring(0, i) + c + token.substring(i + 1);
                assertThat(tokens.verify(Purpose.CONFIRM, altered, NOW)).as("changed at %d to %s", i, c)
                        .isInstanceOf(Invalid.class);
                tried++;
            }
        }
        assertThat(tried).isEqualTo(token.length() * 63);
    }

    @Test
    void flippingAnyBitIsRefused() {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, "ann@example.com", 7, IN_A_WEEK);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = bytes.clone();
                altered[i] ^= (byte) (1 << bit);
                String text = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
                assertThat(tokens.verify(Purpose.UNSUBSCRIBE, text, NOW)).as("byte %d bit %d", i, bit)
                        .isEqualTo(new Invalid("the link is damaged"));
            }
        }
    }

    @Test
    void paddedOrOtherwiseRespeltTokensAreRefused() {
        String token = tokens.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);
        assertThat(tokens.verify(Purpose.CONFIRM, token + "=", NOW)).isInstanceOf(Invalid.class);
        assertThat(tokens.verify(Purpose.CONFIRM, token + "==", NOW)).isInstanceOf(Invalid.class);
        assertThat(tokens.verify(Purpose.CONFIRM, " " + token, NOW)).isInstanceOf(Invalid.class);
        assertThat(tokens.verify(Purpose.CONFIRM, token + "\n", NOW)).isInstanceOf(Invalid.class);
        // the standard alphabet's '+' and '/' are not the URL alphabet's '-' and '_'
        String withPlus = "+" + token.substring(1);
        assertThat(tokens.verify(Purpose.CONFIRM, withPlus, NOW)).isEqualTo(new Invalid("the link is damaged"));
        assertThat(tokens.verify(Purpose.CONFIRM, "/" + token.substring(1), NOW)).isEqualTo(new Invalid("the link is damaged"));
    }

    @Test
    void tokenFromAnotherInstallIsRefused() {
        Tokens other = new Tokens(null, InstallSecret.load(otherHome));
        String forged = other.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);

        assertThat(tokens.verify(Purpose.CONFIRM, forged, NOW)).isEqualTo(new Invalid("the link is damaged"));
        assertThat(tokens.consume(Purpose.CONFIRM, forged, NOW)).isEqualTo(new Invalid("the link is damaged"));
        assertThat(other.verify(Purpose.CONFIRM, forged, NOW)).isInstanceOf(Valid.class);
    }

    @Test
    void purposeMismatchIsRefused() {
        String confirm = tokens.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);
        String unsubscribe = tokens.issue(Purpose.UNSUBSCRIBE, "ann@example.com", 7, IN_A_WEEK);

        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, confirm, NOW)).isEqualTo(new Invalid("the link is for something else"));
        assertThat(tokens.verify(Purpose.CONFIRM, unsubscribe, NOW)).isEqualTo(new Invalid("the link is for something else"));
        assertThat(tokens.consume(Purpose.CONFIRM, unsubscribe, NOW)).isEqualTo(new Invalid("the link is for something else"));
        // the refused attempt did not use the confirmation up
        assertThat(tokens.consume(Purpose.UNSUBSCRIBE, confirm, NOW)).isEqualTo(new Invalid("the link is for something else"));
        assertThat(tokens.consume(Purpose.CONFIRM, confirm, NOW)).isInstanceOf(Valid.class);
    }

    @Test
    void garbageNeverThrows() {
        String token = tokens.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);
        List<String> garbage = new ArrayList<>(List.of("", "a", "==", "====", "!!!!", "not a token", "%41%42",
                "AAAA", "A".repeat(100), "A".repeat(101), "\u0000\u0000", "ünïcødé", "😀😀😀", token + token,
                "A".repeat(10_000), token.repeat(50), "A".repeat(2_001), "A".repeat(1_999)));
        for (int n = 1; n < token.length(); n++) {
            garbage.add(token.substring(0, n));
            garbage.add(token.substring(n));
        }
        Random random = new Random(2026);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(300);
            for (int j = 0; j < length; j++) {
                s.append(i % 2 == 0 ? ALPHABET.charAt(random.nextInt(64)) : (char) random.nextInt(0x3000));
            }
            garbage.add(s.toString());
        }
        byte[] bytes = new byte[120];
        for (int i = 0; i < 500; i++) {
            random.nextBytes(bytes);
            garbage.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        garbage.add(null);

        for (String g : garbage) {
            for (Purpose p : Purpose.values()) {
                assertThat(tokens.verify(p, g, NOW)).isEqualTo(new Invalid("the link is damaged"));
            }
        }
        for (String g : garbage.subList(0, 40)) {
            assertThat(tokens.consume(Purpose.CONFIRM, g, NOW)).isEqualTo(new Invalid("the link is damaged"));
        }
    }

    @Test
    void confirmationIsSingleUse() {
        String token = tokens.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);

        Verified first = tokens.consume(Purpose.CONFIRM, token, NOW);
        Verified second = tokens.consume(Purpose.CONFIRM, token, NOW.plusSeconds(5));

        assertThat(first).isInstanceOf(Valid.class);
        assertThat(second).isEqualTo(new Invalid("the link was already used"));
        // a new token for the same address and list is a new link
        String again = tokens.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);
        assertThat(tokens.consume(Purpose.CONFIRM, again, NOW)).isInstanceOf(Valid.class);
    }

    @Test
    void usedTokensSurviveARestart() {
        String token = tokens.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);
        assertThat(tokens.consume(Purpose.CONFIRM, token, NOW)).isInstanceOf(Valid.class);
        db.close();

        db = openDatabase();
        tokens = new Tokens(db, InstallSecret.load(home));
        assertThat(tokens.consume(Purpose.CONFIRM, token, NOW)).isEqualTo(new Invalid("the link was already used"));
    }

    @Test
    void unsubscribeLinksVerifyAgainAndAgain() {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, "ann@example.com", 7, NOW.plus(Purpose.UNSUBSCRIBE.lifetime()));
        for (int i = 0; i < 3; i++) {
            assertThat(tokens.verify(Purpose.UNSUBSCRIBE, token, NOW.plus(Duration.ofDays(3000)))).isInstanceOf(Valid.class);
        }
        assertThat(Purpose.UNSUBSCRIBE.lifetime()).isGreaterThan(Duration.ofDays(3 * 365));
        assertThat(Purpose.CONFIRM.lifetime()).isLessThanOrEqualTo(Duration.ofDays(30));
    }

    @Test
    void concurrentConsumersGetOneValid() throws Exception {
        for (int round = 0; round < 5; round++) {
            String token = tokens.issue(Purpose.CONFIRM, "ann" + round + "@example.com", 7, IN_A_WEEK);
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Verified>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return tokens.consume(Purpose.CONFIRM, token, NOW);
                    }));
                }
                start.countDown();
                int valid = 0;
                for (Future<Verified> f : results) {
                    Verified v = f.get();
                    if (v instanceof Valid) {
                        valid++;
                    } else {
                        assertThat(v).isEqualTo(new Invalid("the link was already used"));
                    }
                }
                assertThat(valid).as("round %d", round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void tokensAreNotGuessable() {
        Set<String> seen = new HashSet<>();
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String token = tokens.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);
            assertThat(seen.add(token)).isTrue();
            assertThat(nonces.add(((Valid) tokens.verify(Purpose.CONFIRM, token, NOW)).nonce())).isTrue();
        }
    }

    @Test
    void secretIsCreatedOnceAndReused() throws Exception {
        Path file = home.resolve("data").resolve("secret.key");
        assertThat(file).exists();
        byte[] first = Files.readAllBytes(file);
        assertThat(first).hasSize(32);

        InstallSecret again = InstallSecret.load(home);

        assertThat(again.file()).isEqualTo(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
        String token = tokens.issue(Purpose.CONFIRM, "ann@example.com", 7, IN_A_WEEK);
        assertThat(new Tokens(db, again).verify(Purpose.CONFIRM, token, NOW)).isInstanceOf(Valid.class);
        assertThat(again.toString()).doesNotContain(Base64.getEncoder().encodeToString(first));
        try (var names = Files.list(file.getParent())) {
            assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void secretIsOwnerOnlyOnPosix() throws Exception {
        Path file = home.resolve("data").resolve("secret.key");
        assumeThat(file.getFileSystem().supportedFileAttributeViews()).contains("posix");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void secretsDifferBetweenInstalls() throws Exception {
        InstallSecret.load(otherHome);
        assertThat(Files.readAllBytes(otherHome.resolve("data/secret.key")))
                .isNotEqualTo(Files.readAllBytes(home.resolve("data/secret.key")));
    }

    @Test
    void secretOfTheWrongLengthIsAClearError() throws Exception {
        Path file = otherHome.resolve("data").resolve("secret.key");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[31]);

        assertThatThrownBy(() -> InstallSecret.load(otherHome)).isInstanceOf(ListException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("31 bytes");

        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> InstallSecret.load(otherHome)).isInstanceOf(ListException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("0 bytes");
    }

    @Test
    void unreadableSecretIsAClearError() throws Exception {
        Path file = otherHome.resolve("data").resolve("secret.key");
        Files.createDirectories(file);

        assertThatThrownBy(() -> InstallSecret.load(otherHome)).isInstanceOf(ListException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a file");
    }

    @Test
    void issueRefusesWhatCannotBeALink() {
        assertThatThrownBy(() -> tokens.issue(Purpose.CONFIRM, "", 7, IN_A_WEEK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(Purpose.CONFIRM, "a".repeat(1_500) + "@example.com", 7, IN_A_WEEK))
                .isInstanceOf(IllegalArgumentException.class);
        String longest = tokens.issue(Purpose.CONFIRM, "a".repeat(300) + "@example.com", 7, IN_A_WEEK);
        assertThat(tokens.verify(Purpose.CONFIRM, longest, NOW)).isInstanceOf(Valid.class);
    }
}
