package dev.homing.dns;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one DNS client every resolution goes through (the engine's MX lookups, the provider detection, the
 * sender-domain checks): dnsjava's resolver with EDNS (SPF and DKIM TXT answers often exceed the 512 octets of
 * plain UDP) and a hard deadline per question, so a silent server costs at most that long.
 */
public final class DnsClient {
    /** Per query of the system's resolver, as resolv.conf's default timeout is. */
    static final Duration SERVER_TIMEOUT = Duration.ofSeconds(5);

    private final Resolver resolver;
    private final Duration deadline;

    /** @param deadline how long one question may take in all (the resolver's own retries included) */
    public DnsClient(Resolver resolver, Duration deadline) {
        this.resolver = resolver;
        this.deadline = deadline;
        resolver.setEDNS(0, 1232, 0, List.of());
    }

    /** A client whose deadline is what the resolver's retries take: twice its timeout. */
    public DnsClient(Resolver resolver) {
        this(resolver, resolver.getTimeout().multipliedBy(2));
    }

    /** The system's name servers (resolv.conf), 5 s per query. */
    public static Resolver systemResolver() {
        ExtendedResolver r = new ExtendedResolver();
        r.setTimeout(SERVER_TIMEOUT);
        return r;
    }

    /** One name server, given as HOST:PORT (or HOST, port 53), 5 s per query. */
    public static Resolver serverResolver(String hostPort) {
        String host = hostPort;
        int port = 53;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && hostPort.indexOf(':') == colon) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("DNS server \"" + hostPort + "\" is not HOST:PORT");
            }
        }
        InetAddress address = literal(host);
        if (address == null) {
            throw new IllegalArgumentException("DNS server \"" + hostPort + "\" must be an IP address (and :PORT)");
        }
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(address, port));
        r.setTimeout(SERVER_TIMEOUT);
        return r;
    }

    /**
     * One question, answered within the deadline.
     *
     * @throws IOException when no answer came (a {@link SocketTimeoutException} past the deadline) or it could not be read
     */
    public Message ask(Name name, int type) throws IOException {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        try {
            return resolver.sendAsync(query).toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("timed out after " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** What went wrong with a question, in a few words ("DNS timeout" for a silent server). */
    public static String describe(IOException e) {
        String m = String.valueOf(e.getMessage());
        // dnsjava reports its own timeout as a plain IOException whose message says so
        if (e instanceof SocketTimeoutException || m.toLowerCase(Locale.ROOT).contains("timed out")) {
            return "DNS timeout";
        }
        return e.getClass().getSimpleName() + ": " + m;
    }

    /** An IP literal, never a host name (naming the DNS server by name would need DNS). */
    private static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9A-Fa-f:.]+") || !h.matches(".*[:.].*")) {
            return null;
        }
        try {
            return InetAddress.getByName(h);
        } catch (IOException e) {
            return null;
        }
    }
}
