package dev.homing.smtp;

import java.io.IOException;

/** A server broke the protocol (garbage, an endless or oversized reply, a hang-up mid-reply). */
public final class ReplyException extends IOException {
    private final InternalCode code;

    public ReplyException(InternalCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public InternalCode code() {
        return code;
    }
}
