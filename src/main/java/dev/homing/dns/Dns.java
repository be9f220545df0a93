package dev.homing.dns;

import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The DNS questions the sender-domain checks ask. Answers keep "nothing there" ({@link Answer.Empty}, a void
 * lookup) apart from "could not find out" ({@link Answer.Failed}): SPF turns the first into a no-match and the
 * second into temperror, and a report must not call a record missing when the server merely timed out.
 * Names are plain text ("example.com", a final dot allowed); names DNS cannot carry (a label over 63 octets,
 * an empty label) are answered as not existing.
 */
public interface Dns {

    /** TXT records of the name, each record's character-strings joined without separator (RFC 7208 3.3). */
    Answer<String> txt(String name);

    Answer<InetAddress> a(String name);

    Answer<InetAddress> aaaa(String name);

    Answer<Mx> mx(String name);

    /** The names the PTR records of this address point at (reverse DNS), without the final dot. */
    Answer<String> ptr(InetAddress address);

    /** A records for an IPv4 client, AAAA records for an IPv6 one. */
    default Answer<InetAddress> addresses(String name, boolean ipv6) {
        return ipv6 ? aaaa(name) : a(name);
    }

    /** One MX record; a host of "" is the null MX of RFC 7505 ("this domain takes no mail"). */
    record Mx(int preference, String host) {
    }

    /** What one question got. */
    sealed interface Answer<T> {
        /** Records of the asked type were there. */
        record Found<T>(List<T> records) implements Answer<T> {
            public Found {
                records = List.copyOf(records);
            }
        }

        /** A void lookup: the name does not exist ({@code noSuchName}, NXDOMAIN) or has no records of the type. */
        record Empty<T>(boolean noSuchName) implements Answer<T> {
        }

        /** The server failed or did not answer; nothing is known. */
        record Failed<T>(String reason) implements Answer<T> {
        }

        default List<T> records() {
            return this instanceof Found<T> f ? f.records() : List.of();
        }
    }

    /** DNS through dnsjava's resolver: the system's servers, or a test server. */
    static Dns using(Resolver resolver) {
        return new ResolverDns(new DnsClient(resolver));
    }

    /** The system's name servers (resolv.conf), 5 s per query. */
    static Dns system() {
        return using(DnsClient.systemResolver());
    }

    /** One name server, given as HOST:PORT (or HOST, port 53), 5 s per query. */
    static Dns server(String hostPort) {
        return using(DnsClient.serverResolver(hostPort));
    }
}
