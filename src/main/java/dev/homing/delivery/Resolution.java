package dev.homing.delivery;

import dev.homing.smtp.InternalCode;

import java.util.List;

/** The result of resolving a destination domain's mail servers. */
public sealed interface Resolution {
    /** The MX hosts in the order to try them (by preference, equal preferences shuffled). */
    record Hosts(List<MxHost> hosts) implements Resolution {
        public Hosts {
            hosts = List.copyOf(hosts);
        }
    }

    /** No host to try: the code says whether that is permanent (NXDOMAIN, null MX, no host) or temporary. */
    record Failure(InternalCode code, String detail) implements Resolution {
    }
}
