package dev.homing.inbound;

/**
 * What one received message is, as far as deliveries are concerned. {@link Classifier#classify(byte[])}
 * returns exactly one of these for any input, and never throws.
 */
public sealed interface Analysis permits Bounce, Complaint, AutoReply, NotBounce, Unparsed {
}
