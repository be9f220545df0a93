package dev.homing.delivery;

import java.net.InetSocketAddress;
import java.util.List;

/** One mail exchanger of a destination, with the addresses to try in order. */
public record MxHost(String name, int preference, List<InetSocketAddress> addresses) {
    public MxHost {
        addresses = List.copyOf(addresses);
    }
}
