package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.node.Site;
import dev.homing.delivery.Routes;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node with its web face on a free loopback port, as {@code serve} runs it (no inbound server), for tests that
 * meet it over HTTP: its address, and the admin's one-time password printed on the first run.
 */
final class RunningSite implements AutoCloseable {
    final Node node;
    final Site site;
    final String base;
    final String oneTime;

    private RunningSite(Node node, Site site, String base, String oneTime) {
        this.node = node;
        this.site = site;
        this.base = base;
        this.oneTime = oneTime;
    }

    /** @param properties more lines of homing.properties (bounce.domain and public.url are set) */
    static RunningSite start(Path home, String properties) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        Files.writeString(home.resolve("homing.properties"), "bounce.domain = bounces.homing.test\npublic.url = " + base + "\n" + properties);
        Node node = Node.open(home, Config.load(home), Routes.none(), false);
        HomeOptions options = new HomeOptions();
        options.home = home;
        options.noDns = true;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        Site site;
        try {
            site = Site.start(node, new Site.Options("127.0.0.1", port, null, "confirm@homing.test", false, null, null));
        } catch (Exception | Error e) {
            node.close();
            throw e;
        } finally {
            System.setOut(was);
        }
        Matcher m = Pattern.compile("one-time password (\\S+)").matcher(out.toString(StandardCharsets.UTF_8));
        return new RunningSite(node, site, base, m.find() ? m.group(1) : null);
    }

    @Override
    public void close() {
        site.close();
        node.close();
    }
}
