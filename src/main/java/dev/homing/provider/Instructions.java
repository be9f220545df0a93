package dev.homing.provider;

/**
 * A provider's safelisting steps for one sender, written twice: plain text (wrapped at 72
 * columns, for text/plain mail) and HTML (every value escaped, for HTML mail and the public page).
 */
public record Instructions(Provider provider, String heading, String text, String html) {
}
