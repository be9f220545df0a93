package dev.homing.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Postfix as a receiving MX on a free loopback port, with its own configuration directory, queue and
 * maildirs under a temporary folder ({@code postfix -c DIR start}; stopped and removed on close). Mail for the
 * domain {@code rx.test} is delivered by Postfix's virtual(8) agent to one maildir per listed mailbox; any other
 * address there is refused at RCPT with Postfix's own "User unknown in virtual mailbox table". Extra main.cf
 * settings are given per case (e.g. {@code smtpd_client_connection_count_limit}).
 */
public final class Postfix implements AutoCloseable {
    public static final String DOMAIN = "rx.test";
    public final InetSocketAddress address;
    final Path dir;

    private Postfix(Path dir, InetSocketAddress address) {
        this.dir = dir;
        this.address = address;
    }

    /**
     * @param mailboxes the local parts that exist at {@link #DOMAIN}
     * @param settings  main.cf lines added to the base configuration
     */
    public static Postfix start(List<String> mailboxes, Map<String, String> settings) throws Exception {
        return start(mailboxes, settings, Map.of());
    }

    /**
     * @param transports transport(5) entries (an address or domain, and where its mail goes: {@code error:5.1.1 text} bounces
     *                   it after acceptance, {@code smtp:[127.0.0.1]:PORT} relays it, e.g. DSNs to our inbound server)
     */
    public static Postfix start(List<String> mailboxes, Map<String, String> settings, Map<String, String> transports) throws Exception {
        Path dir = Files.createTempDirectory("postfix");
        // Postfix's daemons run as the postfix user, its virtual agent as nobody: they must reach these folders
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path mail = Files.createDirectories(dir.resolve("mail"));
        Files.createDirectories(dir.resolve("queue"));
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(data, users.lookupPrincipalByName("postfix"));
        Files.setOwner(mail, users.lookupPrincipalByName("nobody"));
        int port = Peer.freePort();
        StringBuilder box = new StringBuilder();
        for (String m : mailboxes) {
            box.append(m).append('@').append(DOMAIN).append(' ').append(m).append("/\n");
        }
        Files.writeString(conf.resolve("vmailbox"), box);
        StringBuilder transport = new StringBuilder();
        transports.forEach((k, v) -> transport.append(k).append(' ').append(v).append('\n'));
        Files.writeString(conf.resolve("transport"), transport);
        StringBuilder main = new StringBuilder();
        Map<String, String> base = new java.util.LinkedHashMap<>();
        base.put("compatibility_level", "3.6");
        base.put("queue_directory", dir.resolve("queue").toString());
        base.put("data_directory", data.toString());
        base.put("mail_owner", "postfix");
        base.put("setgid_group", "postdrop");
        base.put("myhostname", "mx." + DOMAIN);
        base.put("mydestination", "");
        base.put("inet_interfaces", "127.0.0.1");
        base.put("inet_protocols", "ipv4");
        base.put("mynetworks", "127.0.0.0/8");
        base.put("smtpd_relay_restrictions", "permit_mynetworks, reject_unauth_destination");
        base.put("virtual_mailbox_domains", DOMAIN);
        base.put("virtual_mailbox_base", mail.toString());
        base.put("virtual_mailbox_maps", "texthash:" + conf.resolve("vmailbox"));
        base.put("virtual_uid_maps", "static:65534");
        base.put("virtual_gid_maps", "static:65534");
        base.put("virtual_minimum_uid", "100");
        // the anvil limits apply to loopback clients too (by default mynetworks is exempt)
        base.put("smtpd_client_event_limit_exceptions", "");
        base.put("maillog_file", dir.resolve("maillog").toString());
        base.put("maillog_file_prefixes", dir.toString());
        base.put("biff", "no");
        base.put("transport_maps", "texthash:" + conf.resolve("transport"));
        base.putAll(settings);
        base.forEach((k, v) -> main.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(conf.resolve("main.cf"), main);
        // readable by Postfix's daemons whatever the umask of the test run
        for (Path p : List.of(dir.resolve("queue"), conf)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String f : List.of("vmailbox", "transport", "main.cf")) {
            Files.setPosixFilePermissions(conf.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.writeString(conf.resolve("master.cf"), String.join("\n", List.of(
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "pickup unix n - n 60 1 pickup",
                "cleanup unix n - n - 0 cleanup",
                "qmgr unix n - n 300 1 qmgr",
                "rewrite unix - - n - - trivial-rewrite",
                "bounce unix - - n - 0 bounce",
                "defer unix - - n - 0 bounce",
                "trace unix - - n - 0 bounce",
                "verify unix - - n - 1 verify",
                "flush unix n - n 1000? 0 flush",
                "proxymap unix - - n - - proxymap",
                "smtp unix - - n - - smtp",
                "relay unix - - n - - smtp",
                "showq unix n - n - - showq",
                "error unix - - n - - error",
                "retry unix - - n - - error",
                "discard unix - - n - - discard",
                "virtual unix - n n - - virtual",
                "anvil unix - - n - 1 anvil",
                "scache unix - - n - 1 scache",
                "tlsmgr unix - - n 1000? 1 tlsmgr",
                "postlog unix-dgram n - n - 1 postlogd")) + "\n");
        Files.setPosixFilePermissions(conf.resolve("master.cf"), PosixFilePermissions.fromString("rw-r--r--"));
        Postfix p = new Postfix(dir, new InetSocketAddress("127.0.0.1", port));
        String out = p.postfix("start");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(p.address, 200);
                return p;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    p.close();
                    throw new IllegalStateException("Postfix did not start: " + out + "\n" + p.log());
                }
                Thread.sleep(100);
            }
        }
    }

    private String postfix(String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary(), "-c", dir.resolve("conf").toString(), command));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        proc.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    static String binary() {
        for (String p : List.of("/usr/sbin/postfix", "/usr/lib/postfix/sbin/postfix")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("postfix not found: .ci/run installs Debian's postfix package");
    }

    /** Postfix's own log of this instance. */
    public String log() throws IOException {
        Path l = dir.resolve("maillog");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    /** Messages delivered to one mailbox so far. */
    public int copies(String mailbox) throws IOException {
        Path d = dir.resolve("mail").resolve(mailbox).resolve("new");
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(d)) {
            return (int) s.count();
        }
    }

    /** Every message delivered to one mailbox, one after the other. */
    public String mailboxText(String mailbox) throws IOException {
        Path d = dir.resolve("mail").resolve(mailbox).resolve("new");
        if (!Files.isDirectory(d)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.sorted().toList()) {
                out.append(Files.readString(p, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    /** Lines of Postfix's log that contain {@code text}. */
    public long logLines(String text) throws IOException {
        return log().lines().filter(l -> l.contains(text)).count();
    }

    @Override
    public void close() throws Exception {
        postfix("stop");
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
