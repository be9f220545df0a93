package dev.homing.queue;

import java.time.Instant;

/** One late event in a delivery's timeline (after its attempts). */
public record TimelineEvent(Instant at, String kind, String status, Integer code, String reason, String detail, String before,
                            String after, Long inboundId) {
}
