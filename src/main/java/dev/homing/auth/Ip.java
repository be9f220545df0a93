package dev.homing.auth;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** IP address literals and the forms SPF writes them in; never a DNS query (InetAddress.getByName would make one). */
final class Ip {
    /** RFC 7208 ip4-network: four decimal octets, no leading zeros. */
    private static final Pattern QUAD = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private Ip() {
    }

    /** An IPv4 dotted quad or an IPv6 literal (RFC 4291 text forms), else null. IPv4-mapped IPv6 comes back as IPv4. */
    static InetAddress literal(String s) {
        byte[] b = s.contains(":") ? ip6(s) : ip4(s);
        if (b == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static byte[] ip4(String s) {
        if (!QUAD.matcher(s).matches()) {
            return null;
        }
        String[] p = s.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return b;
    }

    static byte[] ip6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        byte[] h = groups(head, gap < 0);
        byte[] t = gap >= 0 ? groups(tail, true) : new byte[0];
        if (h == null || t == null) {
            return null;
        }
        if (gap < 0 ? h.length != 16 : h.length + t.length > 14) {
            return null;
        }
        byte[] out = new byte[16];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 16 - t.length, t.length);
        return out;
    }

    /** Colon-separated hex groups, the last of which may be a dotted quad when {@code quadAllowed}. */
    private static byte[] groups(String s, boolean quadAllowed) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] g = s.split(":", -1);
        byte[] out = new byte[g.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < g.length; i++) {
            if (i == g.length - 1 && quadAllowed && g[i].contains(".")) {
                byte[] q = ip4(g[i]);
                if (q == null) {
                    return null;
                }
                System.arraycopy(q, 0, out, n, 4);
                n += 4;
            } else if (HEX.matcher(g[i]).matches()) {
                int v = Integer.parseInt(g[i], 16);
                out[n++] = (byte) (v >> 8);
                out[n++] = (byte) v;
            } else {
                return null;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether {@code ip} lies in network/prefix (both of the same family). */
    static boolean inPrefix(InetAddress ip, InetAddress network, int prefix) {
        byte[] a = ip.getAddress();
        byte[] b = network.getAddress();
        if (a.length != b.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Dotted quad, or RFC 5952 for IPv6 (lowercase, longest zero run shortened to "::"). */
    static String readable(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        byte[] b = ip.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952 4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    /** The %{i} form: dotted quad, or 32 dot-separated lowercase nibbles for IPv6 (RFC 7208 7.3). */
    static String dotted(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        StringBuilder s = new StringBuilder();
        for (byte x : ip.getAddress()) {
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append('.').append(Character.forDigit(x & 0xf, 16)).append('.');
        }
        return s.substring(0, s.length() - 1);
    }

    /** IPv4-mapped IPv6 addresses are IPv4 (RFC 7208 5/9/2); the JDK already does this for most constructors. */
    static InetAddress unmapped(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (b.length == 16) {
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ip;
    }

    static String family(InetAddress ip) {
        return (ip instanceof Inet6Address ? "ip6" : "ip4").toLowerCase(Locale.ROOT);
    }
}
