package dev.homing.cli;

import dev.homing.store.Peek;
import dev.homing.node.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's login as a guesser meets it, through the real port: parallel guesses are counted before the
 * password hash runs, an account slows down whatever addresses the guesses come from (curl from other loopback
 * addresses), and a hash made at an older cost is replaced at the next login (checked by Python's hashlib).
 */
class LoginTrustTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path home;
    private RunningSite running;
    private Node node;
    private String base;
    private String oneTime;

    @BeforeEach
    void start() throws Exception {
        running = RunningSite.start(home, "");
        node = running.node;
        base = running.base;
        oneTime = running.oneTime;
        assertThat(oneTime).as("the first run prints the admin's one-time password").isNotNull();
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void parallelGuessesAreCountedBeforeThePasswordIsChecked() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                // forty different user names: only the limit per address can stop them
                String form = "_login=t&username=guess" + i + "&password=wrong-" + i + "&next=/";
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "homing_login=t").POST(HttpRequest.BodyPublishers.ofString(form)).build();
                answers.add(pool.submit(() -> http.send(req, HttpResponse.BodyHandlers.ofString())));
            }
            int checked = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
                if (r.statusCode() == 401) {
                    checked++;
                } else {
                    assertThat(r.statusCode()).isEqualTo(429);
                    assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
                    assertThat(r.body()).contains("Too many attempts from your address");
                    refused++;
                }
            }
            assertThat(checked).as("passwords checked out of 40 parallel guesses from one address").isEqualTo(10);
            assertThat(refused).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void guessesFromManyAddressesSlowTheAccountDown() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login("127.0.0." + (10 + i), "admin", "not the password " + i).status()).isEqualTo(401);
        }
        // the sixth guess, from yet another address, is not checked: the right password neither
        Answer held = login("127.0.0.30", "admin", oneTime);
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.body()).contains("Too many failed attempts for this account");
        assertThat(login("127.0.0.31", "admin", "not the password").status()).isEqualTo(429);
        // after the wait (1 s after five failures) the owner gets in, and the account starts afresh
        Thread.sleep(1_200);
        assertThat(login("127.0.0.32", "admin", oneTime).status()).isEqualTo(303);
        assertThat(login("127.0.0.33", "admin", "one more typo").status()).isEqualTo(401);
    }

    @Test
    void aHashOfAnOlderCostIsReplacedAtTheNextLogin() throws Exception {
        String password = "an older password of ours";
        String old = python("import hashlib,base64,os\n"
                + "s=os.urandom(16)\n"
                + "b=lambda x: base64.b64encode(x).decode().rstrip('=')\n"
                + "print('pbkdf2-sha256$210000$'+b(s)+'$'+b(hashlib.pbkdf2_hmac('sha256',b'" + password + "',s,210000)))", "").strip();
        Peek.jdbi(node.db).useHandle(h -> h.createUpdate("UPDATE web_user SET password_hash = :p, must_change = FALSE WHERE username = 'admin'")
                .bind("p", old).execute());
        assertThat(login("127.0.0.1", "admin", password).status()).isEqualTo(303);
        String stored = Peek.jdbi(node.db).withHandle(h -> h.createQuery("SELECT password_hash FROM web_user WHERE username = 'admin'")
                .mapTo(String.class).one());
        assertThat(stored).startsWith("pbkdf2-sha256$600000$").isNotEqualTo(old);
        // an independent PBKDF2 agrees that the new hash is of the same password
        String verdict = python("import hashlib,base64,sys\n"
                + "k,n,s,d=sys.stdin.read().strip().split('$')\n"
                + "u=lambda x: base64.b64decode(x+'='*(-len(x)%4))\n"
                + "print(hashlib.pbkdf2_hmac('sha256',b'" + password + "',u(s),int(n))==u(d))", stored).strip();
        assertThat(verdict).isEqualTo("True");
        // and the login still works with it
        assertThat(login("127.0.0.2", "admin", password).status()).isEqualTo(303);
    }

    private record Answer(int status, String body) {
    }

    /** A login posted by curl from this local address (the form's token pair is the visitor's own to choose). */
    private Answer login(String from, String user, String password) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "--interface", from, "-o", "-", "-w", "\n%{http_code}", "-b", "homing_login=t",
                "--data-urlencode", "_login=t", "--data-urlencode", "username=" + user, "--data-urlencode", "password=" + password,
                "--data-urlencode", "next=/", base + "/login").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int cut = out.lastIndexOf('\n');
        return new Answer(Integer.parseInt(out.substring(cut + 1).strip()), out.substring(0, cut));
    }

    private static String python(String program, String input) throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", program).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
