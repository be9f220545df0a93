package dev.homing.web;

/**
 * One line of the effective settings page: a key of homing.properties, the value the node runs with (a secret masked),
 * and where it came from.
 *
 * @param origin "homing.properties", "default", "command line", or why a key in the file is not used
 */
public record Setting(String key, String value, String origin) {
}
