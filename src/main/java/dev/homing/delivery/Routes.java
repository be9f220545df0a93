package dev.homing.delivery;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resolver override: a static map from a domain (and every domain below it) to a host and
 * port, checked before DNS. It sends sandbox and test domains to local ports; the most specific
 * entry wins ({@code x.sandbox.test} before {@code sandbox.test}).
 */
public final class Routes {
    private final Map<String, InetSocketAddress> bySuffix = new ConcurrentHashMap<>();

    public static Routes none() {
        return new Routes();
    }

    public Routes add(String domain, InetSocketAddress target) {
        bySuffix.put(normalise(domain), target);
        return this;
    }

    public Routes addAll(Map<String, InetSocketAddress> routes) {
        routes.forEach(this::add);
        return this;
    }

    /** Parses "domain=host:port". */
    public Routes add(String spec) {
        int eq = spec.indexOf('=');
        int colon = spec.lastIndexOf(':');
        if (eq <= 0 || colon < eq + 2 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("a route is domain=host:port, not \"" + spec + "\"");
        }
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in route \"" + spec + "\"");
        }
        return add(spec.substring(0, eq), InetSocketAddress.createUnresolved(spec.substring(eq + 1, colon), port));
    }

    /** The route for this domain or its closest parent that has one. */
    public Optional<Route> find(String domain) {
        String d = normalise(domain);
        while (true) {
            InetSocketAddress t = bySuffix.get(d);
            if (t != null) {
                return Optional.of(new Route(d, t));
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
    }

    public boolean isEmpty() {
        return bySuffix.isEmpty();
    }

    public Map<String, InetSocketAddress> asMap() {
        return Map.copyOf(bySuffix);
    }

    /** A route that matched: the entry's domain and where it points. */
    public record Route(String suffix, InetSocketAddress target) {
    }

    private static String normalise(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
