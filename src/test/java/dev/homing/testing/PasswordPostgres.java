package dev.homing.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, from this machine's PostgreSQL binaries, that asks for a
 * password (scram-sha-256): the machine's shared server trusts every local connection, so a wrong
 * password can only be refused by a server set up like this. It listens on 127.0.0.1 on a free port
 * and is stopped and deleted on close. As root (CI) it runs as the {@code postgres} user, since
 * PostgreSQL refuses to run as root.
 */
public final class PasswordPostgres implements AutoCloseable {
    public static final String USER = "homing";
    private final Path dir;
    private final int port;
    private final Process server;

    private PasswordPostgres(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** The binaries folder of the newest installed PostgreSQL, or null when there is none. */
    public static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Starts a fresh server whose user {@value #USER} has this password. */
    public static PasswordPostgres start(String password) throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("no PostgreSQL binaries under /usr/lib/postgresql");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("homing-pg-");
        Path data = dir.resolve("data");
        Path pwfile = dir.resolve("password");
        Files.writeString(pwfile, password + "\n");
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(pwfile, postgres);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        run(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=scram-sha-256",
                "--pwfile=" + pwfile, "-E", "UTF8", "--no-sync", "--no-instructions");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder(command(root, bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        PasswordPostgres pg = new PasswordPostgres(dir, port, server);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // ready means accepting logins: a server still starting takes TCP connections but answers every login
        // with 57P03 ("the database system is starting up"), which is not the refusal the tests are about
        while (true) {
            if (ready(bin, port)) {
                return pg;
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                pg.close();
                throw new IllegalStateException("the test's PostgreSQL did not start: " + log);
            }
            Thread.sleep(50);
        }
    }

    private static boolean ready(Path bin, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-t", "1").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly(); // a pg_isready that hangs is not left behind by the next try
            return false;
        }
        return p.exitValue() == 0;
    }

    public int port() {
        return port;
    }

    /** A libpq-style URL for database {@code postgres} with this password. */
    public String url(String password) {
        return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + port + "/postgres";
    }

    private static List<String> command(boolean root, String... args) {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void run(boolean root, String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(root, args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        // the postmaster itself (under runuser it is a child of the process we started)
        try {
            Path pidFile = dir.resolve("data/postmaster.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        } catch (IOException | RuntimeException ignored) {
            // not started, or gone already
        }
        server.destroy(); // SIGTERM: a smart shutdown
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
