package dev.homing.auth;

import java.net.InetAddress;

/**
 * One directive of an SPF record: qualifier and mechanism (RFC 7208 4.6.2, 5).
 *
 * @param domainSpec the target as written (macros unexpanded), or null for "the current domain"
 * @param network    for ip4/ip6 only
 * @param ip4Prefix  CIDR length applied to IPv4 addresses (32 when not written)
 * @param ip6Prefix  CIDR length applied to IPv6 addresses (128 when not written)
 * @param text       the term as written, for messages
 */
record SpfMechanism(Qualifier qualifier, Kind kind, String domainSpec, InetAddress network, int ip4Prefix, int ip6Prefix,
                    String text) {

    enum Kind {
        ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS;

        /** The terms RFC 7208 4.6.4 counts against the limit of 10 DNS-querying terms. */
        boolean queriesDns() {
            return this == INCLUDE || this == A || this == MX || this == PTR || this == EXISTS;
        }
    }

    enum Qualifier {
        PASS('+', SpfResult.PASS), FAIL('-', SpfResult.FAIL), SOFTFAIL('~', SpfResult.SOFTFAIL), NEUTRAL('?', SpfResult.NEUTRAL);

        final char symbol;
        final SpfResult result;

        Qualifier(char symbol, SpfResult result) {
            this.symbol = symbol;
            this.result = result;
        }

        static Qualifier of(char c) {
            for (Qualifier q : values()) {
                if (q.symbol == c) {
                    return q;
                }
            }
            return null;
        }
    }
}
