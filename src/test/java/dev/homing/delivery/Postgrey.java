package dev.homing.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's postgrey, the greylisting policy server, on a free loopback port with its own database folder; a Postfix
 * instance asks it with {@code check_policy_service inet:127.0.0.1:PORT}. Stopped and removed on close.
 */
final class Postgrey implements AutoCloseable {
    final int port;
    private final Process process;
    private final Path dir;

    private Postgrey(int port, Process process, Path dir) {
        this.port = port;
        this.process = process;
        this.dir = dir;
    }

    /** @param delaySeconds how long a new sender-recipient-client triplet is refused */
    static Postgrey start(int delaySeconds) throws Exception {
        String binary = List.of("/usr/sbin/postgrey", "/usr/bin/postgrey").stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new IllegalStateException("postgrey not found: .ci/run installs Debian's postgrey package"));
        Path dir = Files.createTempDirectory("postgrey");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = Files.createDirectories(dir.resolve("db"));
        // postgrey drops to its own user; its database must be that user's
        Files.setOwner(db, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgrey"));
        int port = Peer.freePort();
        Process p = new ProcessBuilder(binary, "--inet=127.0.0.1:" + port, "--dbdir=" + db, "--delay=" + delaySeconds,
                "--pidfile=" + dir.resolve("pid"), "--user=postgrey", "--group=nogroup")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new Postgrey(port, p, dir);
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("postgrey did not start: " + Files.readString(dir.resolve("log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** The Postfix setting that makes it ask this server at RCPT. */
    String restriction() {
        return "check_policy_service inet:127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
