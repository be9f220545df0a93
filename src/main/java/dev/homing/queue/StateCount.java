package dev.homing.queue;

/** A count of deliveries in one state for one destination domain (or all, when domain is null). */
public record StateCount(String domain, DeliveryState state, long count) {
}
