package dev.homing.list;

/**
 * Where a subscription step came from: kept verbatim in the consent record.
 *
 * @param ip        the client's address
 * @param userAgent the browser or client that sent it
 * @param source    the form, API key or file
 * @param text      the consent text the person was shown
 */
public record Consent(String ip, String userAgent, String source, String text) {
}
