package dev.homing.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A third-party SMTP server from Debian (smtp-sink, aiosmtpd) run as a child process on a free loopback port. */
final class Peer implements AutoCloseable {
    final Process process;
    final InetSocketAddress address;
    final Path log;

    private Peer(Process p, InetSocketAddress a, Path log) {
        this.process = p;
        this.address = a;
        this.log = log;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String sinkBinary() {
        for (String p : List.of("/usr/sbin/smtp-sink", "/usr/lib/postfix/sbin/smtp-sink", "/usr/bin/smtp-sink")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("smtp-sink not found: .ci/run installs Debian's postfix package");
    }

    /** Postfix's smtp-sink with extra options, e.g. "-f", "RCPT". */
    static Peer smtpSink(String... options) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(sinkBinary(), "-u", "postfix", "-h", "sink.test"));
        cmd.addAll(List.of(options));
        cmd.add("127.0.0.1:" + port);
        cmd.add("100");
        return start(cmd, port);
    }

    /** Python's aiosmtpd with its Sink handler and extra options (e.g. "-u" for SMTPUTF8). */
    static Peer aiosmtpd(String... options) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink",
                "-l", "127.0.0.1:" + port));
        cmd.addAll(List.of(options));
        return start(cmd, port);
    }

    private static Peer start(List<String> cmd, int port) throws Exception {
        Path log = Files.createTempFile("peer", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(a, 200);
                return new Peer(p, a, log);
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException(cmd + " did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
