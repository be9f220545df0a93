package dev.homing.campaign;

import java.io.IOException;

/** spamd could not be asked or answered something we cannot read; the message names its address. */
public final class SpamdException extends IOException {
    SpamdException(String message) {
        super(message);
    }

    SpamdException(String message, Throwable cause) {
        super(message, cause);
    }
}
