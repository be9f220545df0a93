package dev.homing.inbound;

/** An ordinary message: no report, no complaint, no auto-reply. */
public record NotBounce() implements Analysis {
}
