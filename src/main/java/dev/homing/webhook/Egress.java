package dev.homing.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook may post. Whoever can add a webhook (an operator, a leaked API key later) must not turn
 * the node into a client of its own network: a target that resolves to a loopback, private, link-local
 * (cloud metadata at 169.254.169.254), shared (RFC 6598), unique-local or otherwise non-public address is
 * refused unless the setting allows it (RFC 1918, RFC 4193, RFC 6598, RFC 6890 special-purpose registries).
 * Checked on the addresses the name resolves to at posting time, every one of them; redirects are never
 * followed, so a public target cannot hand the post on to a private one. Java caches the lookup (30 s by
 * default), so the connection that follows uses the addresses checked.
 */
final class Egress {
    private Egress() {
    }

    /** Why the post must not go to this URL, or null when it may. */
    static String refusal(URI url, boolean allowPrivate) {
        if (allowPrivate) {
            return null;
        }
        String host = url.getHost();
        if (host == null) {
            return "the URL has no host";
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return null; // nothing to connect to: the post fails on its own and says so
        }
        for (InetAddress a : all) {
            String why = special(a);
            if (why != null) {
                return host + " resolves to " + a.getHostAddress() + ", " + why
                        + ": webhooks post to public addresses only (webhook.allow-private-targets = true allows it)";
            }
        }
        return null;
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String special(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address (where cloud metadata services answer)";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int x = b[0] & 0xff;
            int y = b[1] & 0xff;
            if (x == 0 || x >= 240) {
                return "a reserved address";
            }
            if (x == 100 && y >= 64 && y < 128) {
                return "a shared (carrier-grade NAT) address";
            }
            if (x == 192 && y == 0 && (b[2] & 0xff) == 0) {
                return "an IETF protocol assignment address";
            }
            if (x == 198 && (y == 18 || y == 19)) {
                return "a benchmarking address";
            }
        } else if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "a unique-local address";
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return special(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return "an unreadable address";
                }
            }
        }
        return null;
    }

    /** The URL as logs and listings show it: without a user name or password in it. */
    static String shown(String url) {
        try {
            URI u = URI.create(url);
            if (u.getRawUserInfo() == null) {
                return url;
            }
            return new URI(u.getScheme(), "***", u.getHost(), u.getPort(), u.getPath(), u.getQuery(), null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return url.replaceAll("//[^/@]*@", "//***@");
        }
    }
}
