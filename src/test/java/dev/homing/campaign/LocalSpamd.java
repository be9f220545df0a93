package dev.homing.campaign;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's real spamd as a child process of the test: loopback only, a free port, local tests only
 * ({@code -L}: no DNS or network checks), no user preferences, its own temporary home and pid file.
 * Runs on the rules Debian ships in /usr/share/spamassassin (no sa-update, no network needed).
 */
final class LocalSpamd implements AutoCloseable {
    private final Process process;
    private final Path home;
    private final int port;

    private LocalSpamd(Process process, Path home, int port) {
        this.process = process;
        this.home = home;
        this.port = port;
    }

    static LocalSpamd start() throws Exception {
        String spamd = find();
        Path home = Files.createTempDirectory("homing-spamd");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = home.resolve("spamd.log");
        List<String> cmd = new ArrayList<>(List.of(spamd, "--local", "--listen=127.0.0.1", "--port=" + port,
                "--allowed-ips=127.0.0.1", "--max-children=2", "--min-children=1", "--nouser-config",
                "--helper-home-dir=" + home, "--pidfile=" + home.resolve("spamd.pid"), "--syslog=stderr"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalSpamd local = new LocalSpamd(p, home, port);
        SpamdClient client = local.client(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                client.ping();
                return local;
            } catch (SpamdException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    String out = Files.readString(log, StandardCharsets.UTF_8);
                    local.close();
                    throw new AssertionError("spamd did not start (" + String.join(" ", cmd) + "):\n" + out);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Where spamd is; fails (never skips) when it is not installed. */
    private static String find() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        return dirs.stream().map(d -> Path.of(d, "spamd")).filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new AssertionError("spamd is not installed: this test needs Debian's spamassassin and "
                        + "spamd packages, which .ci/run installs (apt-get install spamassassin spamd)"));
    }

    int port() {
        return port;
    }

    SpamdClient client(Duration timeout) {
        return new SpamdClient("127.0.0.1", port, timeout);
    }

    @Override
    public void close() throws IOException {
        // TERM to the parent alone: spamd then stops and reaps its own children; force only what is left.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
